// Starting a worker thread on one of this folder's worker files, compiled (dist/, .js) or as
// TypeScript source (jest with @swc/jest): there the worker compiles its modules on the fly with
// @swc/core and resolves the project's absolute `src/…` imports itself.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Start `name` (a file of src/crypto/native without extension) with `workerData`. The extension
 * of this very file tells whether we run compiled code or TypeScript sources.
 */
export function startWorker(name: string, workerData: unknown): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `${name}${ext}`);
  if (ext !== '.ts') return new Worker(file, { workerData });
  const root = path.resolve(__dirname, '..', '..', '..');
  const boot = `
    const Module = require('node:module'); const fs = require('node:fs'); const path = require('node:path');
    const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
    const root = ${JSON.stringify(root)};
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (req, ...rest) {
      if (req.startsWith('src/')) req = path.join(root, req);
      return resolve.call(this, req, ...rest);
    };
    require.extensions['.ts'] = (m, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, swcrc: false,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
      m._compile(code, filename);
    };
    require(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, workerData });
}
