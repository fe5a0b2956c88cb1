import type { Response } from 'express';

// The page handles staff sessions and prints where each envelope goes: nothing but our own
// files may run or load in it, and no other site may frame it (clickjacking a verdict).
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setPageHeaders(res: Response, contentType: string): void {
  res.set({
    'Content-Type': contentType,
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Revalidate every time (the ETag makes it cheap): a desk must not keep yesterday's script.
    'Cache-Control': 'no-cache',
  });
}
