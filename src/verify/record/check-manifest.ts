// `manifest`: the manifest lists every other file (SHA256SUMS and itself excepted) with its
// SHA-256 and size, sorted by path; SHA256SUMS says the same; nothing else is in the record.
import { createHash } from 'node:crypto';
import type { Reporter } from 'src/crypto/verify/report';
import { conclude, needs } from 'src/verify/record/record-context';
import { parseManifest, parseSha256Sums, type RecordElection, type Parsed } from 'src/verify/record/record-format';

const SELF = new Set(['manifest.json', 'SHA256SUMS']);

export function checkManifest(r: Reporter, files: ReadonlyMap<string, Uint8Array>, election: Parsed<RecordElection>): void {
  const got = needs(r, 'manifest', parseManifest(files.get('manifest.json')), parseSha256Sums(files.get('SHA256SUMS')));
  if (!got) return;
  const [manifest, sums] = got;
  const failures: { where: string; reason: string }[] = [];
  const listed = new Set<string>();
  manifest.files.forEach((f, i) => {
    if (i > 0 && manifest.files[i - 1].path >= f.path) failures.push({ where: `manifest.json files[${i}]`, reason: `${f.path} is out of order or listed twice` });
    listed.add(f.path);
    const body = files.get(f.path);
    if (!body) return void failures.push({ where: f.path, reason: 'listed in the manifest but missing' });
    if (body.length !== f.bytes) failures.push({ where: f.path, reason: `${body.length} bytes, the manifest says ${f.bytes}` });
    const sha = createHash('sha256').update(body).digest('hex');
    if (sha !== f.sha256) failures.push({ where: f.path, reason: `SHA-256 ${sha}, the manifest says ${f.sha256}` });
  });
  for (const p of files.keys()) if (!listed.has(p) && !SELF.has(p)) failures.push({ where: p, reason: 'not listed in the manifest' });
  const expectedSums = manifest.files.map((f) => `${f.sha256}  ${f.path}`).join('\n');
  if (sums.map((s) => `${s.sha256}  ${s.path}`).join('\n') !== expectedSums) {
    const inSums = new Map(sums.map((s) => [s.path, s.sha256]));
    const differing = manifest.files.filter((f) => inSums.get(f.path) !== f.sha256).map((f) => f.path);
    const extra = sums.filter((s) => !listed.has(s.path)).map((s) => s.path);
    failures.push({ where: 'SHA256SUMS', reason: `differs from the manifest${differing.length ? `; other or no hash for ${differing.slice(0, 3).join(', ')}` : ''}${extra.length ? `; not in the manifest: ${extra.slice(0, 3).join(', ')}` : ''}${!differing.length && !extra.length ? ' (order)' : ''}` });
  }
  if (election.ok && manifest.election !== election.value.id) failures.push({ where: 'manifest.json election', reason: `${manifest.election}, but election.json is election ${election.value.id}` });
  conclude(r, 'manifest', manifest.files.length, failures);
}
