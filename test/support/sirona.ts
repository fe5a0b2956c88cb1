import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from 'test/support/processes';

const SIRONA = path.join(REPO_ROOT, 'node_modules', '.bin', 'sirona');

/** `sirona election verify` (the independent verifier) in a directory holding only this archive. */
export function sironaVerify(bel: Uint8Array, uuid: string): { code: number; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-sirona-'));
  fs.writeFileSync(path.join(dir, `${uuid}.bel`), bel);
  try {
    return { code: 0, out: execFileSync(SIRONA, ['election', 'verify'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { status?: number; stderr?: string; stdout?: string };
    return { code: err.status ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
