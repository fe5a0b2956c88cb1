// `npm run bench -- tally`
// The crypto core of the `tally.encrypt` job (src/tally/encrypted-tally.service.ts) on the
// scale-2000 vector's ballots, per backend: parse every ballot (every point checked) and add it
// to the TallyAccumulator, then serialise the encrypted tally. The job's other work — reading
// the ballots a page of 2,000 at a time — is a few milliseconds per page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { parseBallot } from 'src/crypto/ballot/ballot';
import { parseElection } from 'src/crypto/election/election';
import { useBackend, type BackendName } from 'src/crypto/native/backend';
import { serializeEncryptedTally, TallyAccumulator } from 'src/crypto/tally/encrypted-tally';

const ROOT = path.resolve(__dirname, '..', '..');

function scaleArchive(): string {
  const beside = path.resolve(ROOT, '..', 'shared');
  const shared = process.env.HB_SHARED_DIR ?? (fs.existsSync(path.join(beside, 'vectors')) ? beside : '/work/shared');
  const dir = path.join(shared, 'vectors', 'belenios', 'scale-2000');
  return path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.bel')) ?? 'missing.bel');
}

export async function run(): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(scaleArchive()));
  const data = new Map<string, Uint8Array>();
  const ballots: Uint8Array[] = [];
  let election: Uint8Array | undefined;
  for (const r of readArchive(bytes)) {
    if (r.kind === 'data') data.set(r.hash, r.entry.body);
    if (r.kind === 'event' && r.event.type === 'Ballot' && r.event.payload) ballots.push(data.get(r.event.payload)!);
    if (r.kind === 'event' && r.event.type === 'Setup' && r.event.payload) {
      const setup = JSON.parse(Buffer.from(data.get(r.event.payload)!).toString('utf8')) as { election: string };
      election = data.get(setup.election);
    }
  }
  for (const backend of ['noble', 'sodium-native'] as BackendName[]) {
    try {
      useBackend(backend);
    } catch {
      console.log(`${backend}: not available`);
      continue;
    }
    const e = parseElection(election!);
    const started = process.hrtime.bigint();
    const acc = new TallyAccumulator(e);
    for (const [i, raw] of ballots.entries()) acc.add(parseBallot(raw, `ballot ${i}`).answers, 1n);
    serializeEncryptedTally(acc.result());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${backend}: ${ballots.length} ballots parsed and tallied in ${ms.toFixed(0)} ms — ${((ballots.length / ms) * 1000).toFixed(0)} ballots/s`);
  }
}
