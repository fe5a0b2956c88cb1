#!/usr/bin/env node
// Bundles the browser halves of the booth (src/booth-page/browser/booth-crypto.ts) and of the
// trustee page (src/trustee-page/browser/trustee-crypto.ts), src/crypto on @noble/*, into one
// minified ES module each, loaded from /booth/assets/ and /trustee/assets/. Run by
// `npm run build` and by jest's global setup, so the app from dist/ and the tests both serve a
// bundle made from the current source. esbuild is a devDependency: the bundle is made at build
// time and dist/ (with it) is what the Docker image runs.
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'src/booth-page/browser/booth-crypto.ts');
const OUT_FILE = path.join(ROOT, 'dist/booth/booth-crypto.js');
const TRUSTEE_ENTRY = path.join(ROOT, 'src/trustee-page/browser/trustee-crypto.ts');
const TRUSTEE_OUT_FILE = path.join(ROOT, 'dist/booth/trustee-crypto.js');

// Browsers with BigInt, ES modules, crypto.getRandomValues and optional chaining (2020+).
const TARGETS = ['chrome100', 'firefox100', 'safari15', 'edge100'];

/** Refuses Node-only code: the native backend and node: modules must never reach a browser. */
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /(^node:)|([/\\]crypto[/\\]native[/\\])|(^src\/crypto\/native\/)/ }, (args) => ({
      errors: [{ text: `${args.path} (imported by ${path.relative(ROOT, args.importer)}) is Node-only and cannot go into the browser bundle` }],
    }));
  },
};

async function bundle(entry, outFile, quiet) {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: TARGETS,
    minify: true,
    legalComments: 'eof',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    plugins: [browserOnly],
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = Object.values(result.metafile.outputs)[0].bytes;
  if (!quiet) console.log(`build-booth: ${path.relative(ROOT, outFile)} ${(bytes / 1024).toFixed(1)} KiB`);
  return { file: outFile, bytes, inputs: Object.keys(result.metafile.inputs) };
}

/** Both bundles; answers the booth's (the trustee page's is `trustee`). */
async function buildBooth({ quiet = false } = {}) {
  const [booth, trustee] = await Promise.all([bundle(ENTRY, OUT_FILE, quiet), bundle(TRUSTEE_ENTRY, TRUSTEE_OUT_FILE, quiet)]);
  return { ...booth, trustee };
}

module.exports = { buildBooth, OUT_FILE, TRUSTEE_OUT_FILE };

if (require.main === module) {
  buildBooth().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
