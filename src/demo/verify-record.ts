import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';

export interface RecordVerdict {
  ok: boolean;
  /** Names of the checks that failed. */
  failed: string[];
  checks: number;
  verifier: string;
}

/**
 * THE ONE PLACE TO SWITCH: until the record verifier (`hybrid-ballot verify <record dir>`,
 * docs/RECORD.md "What the verifier checks") lands, the demo checks the manifest's hashes and
 * runs the whole Belenios verification of the `.bel`; then this calls the record verifier.
 */
export async function verifyRecord(dir: string): Promise<RecordVerdict> {
  const failed: string[] = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
  for (const f of manifest.files) {
    const file = path.join(dir, f.path);
    if (!fs.existsSync(file) || createHash('sha256').update(fs.readFileSync(file)).digest('hex') !== f.sha256) failed.push(`manifest: ${f.path}`);
  }
  const online = path.join(dir, 'online');
  const bel = fs.existsSync(online) ? fs.readdirSync(online).find((f) => f.endsWith('.bel')) : undefined;
  let checks = manifest.files.length;
  if (bel) {
    const report = await verifyArchiveParallel(new Uint8Array(fs.readFileSync(path.join(online, bel))));
    checks += report.checks.length;
    failed.push(...report.checks.filter((c) => c.status === 'fail').map((c) => `online.archive: ${c.id}`));
  }
  return { ok: failed.length === 0, failed, checks, verifier: 'manifest hashes + verifyArchive(.bel) (interim)' };
}
