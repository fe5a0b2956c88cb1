import { PAGE_CSP } from 'src/intake-page/page-headers';

describe('scan page Content-Security-Policy', () => {
  it('allows only our own scripts, styles and API, and no framing', () => {
    expect(PAGE_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(PAGE_CSP).not.toMatch(/unsafe-|\*/);
  });
});
