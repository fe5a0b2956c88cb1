import { defineErrors } from 'src/platform/errors/domain-error';

export const scanError = defineErrors({
  unsupported_scan_type: 'unsupported',
  scan_too_large: 'too_large',
  // The decoder's refusals (ScanDecodeError codes), unchanged so a client can tell them apart.
  unsupported_type: 'unsupported',
  not_an_image: 'invalid',
  too_many_pixels: 'too_large',
  too_many_pages: 'too_large',
  resolution_out_of_range: 'invalid',
  no_ballot_geometry: 'conflict',
  scan_page_not_found: 'not_found',
  scan_page_settled: 'conflict',
  scan_image_missing: 'gone',
});
