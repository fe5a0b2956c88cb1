// The end of the election, to the contract in docs/TALLY.md: the administrator starts the
// tally, the server computes the encrypted tally, each trustee present decrypts it with their
// own key on their own machine (here: in this process, which the server never sees), and the
// server combines the result once enough valid partial decryptions arrived.
import { parseElection } from 'src/crypto/election/election';
import { Json, parseJson } from 'src/crypto/encoding/json';
import { parseEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { computePartialDecryption, serializePartialDecryption } from 'src/crypto/tally/partial-decryption';
import { waitFor } from 'src/demo/api-client';
import { DemoContext } from 'src/demo/demo-context';
import { MergedResult } from 'src/demo/expected-result';
import { transition } from 'src/demo/phases/count';

interface TallyStatus {
  status: 'not_started' | 'computing' | 'awaiting_decryptions' | 'result_ready';
  trustees: Array<{ owner: number; name: string; kind: string; decrypted: boolean }>;
}

interface ForTrustees {
  election: string;
  encryptedTally: string;
}

/** `encryptedTally` as the `.bel` holds it: the tally itself, or the sized object around it. */
function tallyOf(raw: string) {
  const v = parseJson(raw, 'encryptedTally');
  if (Array.isArray(v)) return parseEncryptedTally(v);
  return parseEncryptedTally((v as { [k: string]: Json }).encrypted_tally);
}

export async function startTally(ctx: DemoContext): Promise<void> {
  await transition(ctx, 'tallying');
  await waitFor('the encrypted tally', async () => {
    const s = (await ctx.anon.get<TallyStatus>(`/elections/${ctx.electionId}/tally`)).body;
    return s.status === 'awaiting_decryptions' || s.status === 'result_ready' ? s : null;
  });
}

/** Every trustee present downloads the encrypted tally, decrypts their share and uploads it. */
export async function decryptAsTrustees(ctx: DemoContext): Promise<number> {
  const data = (await ctx.anon.get<ForTrustees>(`/elections/${ctx.electionId}/tally/for-trustees`)).body;
  const fingerprint = parseElection(data.election).fingerprint;
  const tally = tallyOf(data.encryptedTally);
  let uploaded = 0;
  for (const [owner, secret] of ctx.trustees.byOwner) {
    if (ctx.trustees.absent.includes(owner)) continue;
    const partialDecryption = serializePartialDecryption(computePartialDecryption(fingerprint, tally, secret));
    await ctx.staff.trustee.post(`/elections/${ctx.electionId}/tally/partial-decryptions`, { owner, partialDecryption }, [200, 201]);
    uploaded++;
    ctx.display.tick();
  }
  return uploaded;
}

export async function awaitResult(ctx: DemoContext): Promise<MergedResult> {
  await waitFor('the result', async () => {
    const s = (await ctx.anon.get<TallyStatus>(`/elections/${ctx.electionId}/tally`)).body;
    return s.status === 'result_ready' ? s : null;
  });
  return (await ctx.staff.admin.get<MergedResult>(`/elections/${ctx.electionId}/result`)).body;
}
