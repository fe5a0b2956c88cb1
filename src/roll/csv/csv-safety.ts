// Spreadsheet programs execute a cell that starts with one of these as a formula ("CSV
// injection", OWASP). A leading apostrophe makes them show the text instead.
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseCell(value: string): string {
  return value.length > 0 && DANGEROUS_FIRST.has(value[0]) ? `'${value}` : value;
}
