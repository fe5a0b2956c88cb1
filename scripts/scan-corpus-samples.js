#!/usr/bin/env node
// Writes sample scans of the generated corpus for a person to look at, or times the corpus:
//   npm run build && node scripts/scan-corpus-samples.js [outDir]        (default /tmp/hb/corpus-samples)
//   npm run build && node scripts/scan-corpus-samples.js --papers 400    (time 400 papers)
// The corpus is a test helper, so it is compiled here beside dist/src (which `npm run build` makes).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
execFileSync(path.join(root, 'node_modules', '.bin', 'swc'), ['test/support/scan-corpus.ts', 'test/support/scan-corpus', '-d', 'dist', '-q'], { cwd: root, stdio: 'inherit' });
require(path.join(root, 'dist', 'test', 'support', 'scan-corpus', 'samples.js'))
  .main(process.argv.slice(2))
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
