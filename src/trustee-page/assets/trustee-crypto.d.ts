// Types of /trustee/assets/trustee-crypto.js, the bundle scripts/build-booth.js makes from this
// entry: lets tsc check the page's calls into it (the bundle itself is not in the repository).
export * from 'src/trustee-page/browser/trustee-crypto';
