// The published record (docs/RECORD.md), copied where the demo was asked to write it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { waitFor } from 'src/demo/api-client';
import { DemoContext } from 'src/demo/demo-context';
import { demoError } from 'src/demo/demo.errors';
import { transition } from 'src/demo/phases/count';

export interface RecordInfo {
  manifestSha256: string;
  zipBytes: number;
  files: number;
}

/** Waits for the record to be built, publishes the election, writes `dir/` and `dir.zip`. */
export async function publishRecord(ctx: DemoContext, dir: string): Promise<RecordInfo> {
  const info = await waitFor('the record', async () => {
    const r = (await ctx.staff.admin.get<{ status: string; files: unknown[]; manifestSha256: string; zipBytes: number }>(`/elections/${ctx.electionId}/record`)).body;
    if (r.status === 'failed') throw demoError('demo_unexpected_answer', 'Building the record failed.');
    return r.status === 'ready' ? r : null;
  });
  await transition(ctx, 'published');
  const zip = await ctx.anon.bytes(`/elections/${ctx.electionId}/record/download`);
  fs.writeFileSync(`${dir}.zip`, zip);
  const files = unzipSync(zip);
  // The files may sit at the zip's root or in one folder (`record/manifest.json`): either way they go straight into `dir`.
  const prefix = 'manifest.json' in files ? '' : (Object.keys(files).find((n) => n.endsWith('/manifest.json'))?.slice(0, -'manifest.json'.length) ?? '');
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('/') || !name.startsWith(prefix)) continue;
    const target = path.join(dir, name.slice(prefix.length));
    // A record is untrusted input like any other: no entry may land outside its directory.
    if (!target.startsWith(dir + path.sep)) throw demoError('demo_unexpected_answer', `The record zip has an entry outside its directory: ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  return { manifestSha256: info.manifestSha256, zipBytes: info.zipBytes, files: Object.keys(files).length };
}

/** The print batches, manifest and checksums as handed to the printer, and replacement packs. */
export function copyPacks(ctx: DemoContext, dir: string): number {
  const from = path.join(ctx.server.config.dataDir, 'elections', ctx.electionId, 'packs');
  fs.cpSync(from, dir, { recursive: true });
  return fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).length;
}
