// Types of /booth/assets/booth-crypto.js, the bundle scripts/build-booth.js makes from this
// entry: lets tsc check the pages' calls into it (the bundle itself is not in the repository).
export * from 'src/booth-page/browser/booth-crypto';
