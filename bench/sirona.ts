// Sirona (the independent verifier) timed on one archive: the reference every verification
// bench reports its ratio against.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SIRONA = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'sirona');

/**
 * Seconds `sirona election verify` takes on `bel`, or undefined when it rejects it. It reads the
 * first `.bel` of its working directory, so the archive is written alone into a fresh one.
 */
export function sironaSeconds(bel: Uint8Array, fileName: string): number | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-sirona-'));
  fs.writeFileSync(path.join(dir, fileName), bel);
  const t = process.hrtime.bigint();
  try {
    execFileSync(SIRONA, ['election', 'verify'], { cwd: dir, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - t) / 1e9;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
