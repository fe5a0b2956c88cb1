import { type ScanMime, type ScanPage } from 'src/scan/read/types';

export interface DecodeLimits {
  maxPixels: number;
  maxPages: number;
}
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxPixels: 40_000_000, maxPages: 500 };

export class ScanDecodeError extends Error {
  constructor(
    readonly code: 'unsupported_type' | 'not_an_image' | 'too_many_pixels' | 'too_many_pages' | 'resolution_out_of_range',
    message: string,
  ) {
    super(message);
  }
}

/** CONTRACT STUB (replaced by the real decoder): every page of the file, grey, at the working resolution. */
export function decodeScan(_bytes: Buffer, _mime: ScanMime, _limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Promise<ScanPage[]> {
  return Promise.reject(new Error('decodeScan: not implemented yet'));
}
