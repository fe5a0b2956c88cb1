// The trustee page loads the voter pages' helpers (served at /trustee/assets/dom.js from
// src/booth-page/assets/dom.js): this lets tsc check the calls into them.
export * from 'src/booth-page/assets/dom.js';
