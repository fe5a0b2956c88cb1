// The trustee page loads the voter pages' fetch wrapper (served at /trustee/assets/api.js from
// src/booth-page/assets/api.js): this lets tsc check the calls into it.
export * from 'src/booth-page/assets/api.js';
