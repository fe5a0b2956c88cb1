// pdfkit works in PostScript points; layouts are written in millimetres.
export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;
export const toMm = (pt: number): number => pt / PT_PER_MM;
/** Rounded for stable JSON (0.01 mm is far below print and scan tolerance). */
export const round2 = (v: number): number => Math.round(v * 100) / 100;
