import { Command } from 'commander';
import { parseElection } from 'src/crypto/election/election';
import { parseJson, type Json } from 'src/crypto/encoding/json';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import { useFastestBackend } from 'src/crypto/native/backend';
import { findOwner } from 'src/crypto/tally/trustee-decryption';
import { parseThresholdParameters, serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { publicPartOf, type TrusteeSecret } from 'src/crypto/trustees/trustee-secret';
import { combineTrusteeKeys, type TrusteeKind } from 'src/crypto/trustees/trustees';
import { readKeyFile } from 'src/cli/trustee-files';
import { callServer, endpoint, serverError, staffToken } from 'src/cli/trustee-server';
import { trusteeToolError } from 'src/cli/trustee.errors';

interface ListedTrustee {
  position?: number;
  name: string;
  kind: TrusteeKind;
}

const asJson = (v: unknown, path: string): Json => (typeof v === 'string' ? parseJson(v, path) : (v as Json));

/**
 * `GET /elections/:id/trustees` rows → trustee kinds: a Single's `publicKey` is the Belenios
 * trustee_public_key; a Pedersen group carries its threshold_parameters (as `parameters`, or as
 * `publicKey` — docs/TALLY.md leaves the row's field to the server, both are read).
 */
export function trusteesFromApi(body: unknown): ListedTrustee[] {
  if (!Array.isArray(body)) throw trusteeToolError('server_answer_invalid', 'the server did not answer a list of trustees');
  return (body as Record<string, unknown>[])
    .slice()
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0))
    .map((row, i) => {
      const path = `trustees[${i}]`;
      const name = typeof row.name === 'string' ? row.name : `trustee ${i + 1}`;
      try {
        const pedersen = String(row.kind).toLowerCase() === 'pedersen';
        const value = asJson(pedersen && row.parameters !== undefined ? row.parameters : row.publicKey, path);
        const kind: TrusteeKind = pedersen ? { kind: 'Pedersen', parameters: parseThresholdParameters(value, path) } : { kind: 'Single', key: parseTrusteePublicKey(value, path) };
        return { position: typeof row.position === 'number' ? row.position : undefined, name, kind };
      } catch (e) {
        if (isCryptoError(e)) throw trusteeToolError('server_answer_invalid', `the server's trustee ${name} is malformed: ${e.message}`);
        throw e;
      }
    });
}

function describeMatch(listed: ListedTrustee[], secret: TrusteeSecret): string {
  const owner = findOwner(
    listed.map((t) => t.kind),
    publicPartOf(secret),
  );
  if (owner === null) throw trusteeToolError('not_a_trustee', 'your key is NOT among this election’s trustees: do not let the election open; tell the administrator');
  let seen = 0;
  for (const t of listed) {
    const size = t.kind.kind === 'Single' ? 1 : t.kind.parameters.verificationKeys.length;
    if (owner <= seen + size) {
      if (t.kind.kind === 'Single') return `your key is trustee ${owner} ("${t.name}")`;
      const sameCeremony = secret.kind === 'share' && sha256Hex(serializeThresholdParameters(t.kind.parameters)) === secret.parametersSha256;
      return `your share is member ${owner - seen} of the ${t.kind.parameters.threshold}-of-${size} group "${t.name}" (trustee ${owner})${secret.kind === 'share' && !sameCeremony ? ', but the group parameters differ from the ones your share was made with: ask the administrator' : ''}`;
    }
    seen += size;
  }
  return `your key is trustee ${owner}`;
}

export function registerCheck(trustee: Command): void {
  trustee
    .command('check')
    .description("Check that your key is among the election's trustees and, once the election is open, part of its published key")
    .requiredOption('--server <url>', 'the hybrid-ballot server, e.g. https://vote.example.org')
    .requiredOption('--election <id>', 'the election id')
    .requiredOption('--key <file>', 'your .privkey or .share (only its public part is compared; nothing is sent)')
    .action(async (opts: { server: string; election: string; key: string }) => {
      useFastestBackend();
      const secret = readKeyFile(opts.key);
      const token = staffToken();
      const listAnswer = await callServer(endpoint(opts.server, opts.election, 'trustees'), { token });
      if (listAnswer.status !== 200) {
        const e = serverError(listAnswer);
        throw trusteeToolError('server_refused', `the server refused the trustee list (${listAnswer.status} ${e.code}): ${e.message}`);
      }
      const listed = trusteesFromApi(listAnswer.body);
      console.log(`✓ ${describeMatch(listed, secret)}.`);

      const published = await callServer(endpoint(opts.server, opts.election, 'ballot-box/election'));
      if (published.status === 404) {
        console.log('  The election is not open yet, so its public key is not published: run this check again once it opens.');
        return;
      }
      if (published.status !== 200 || typeof published.body !== 'object' || published.body === null) {
        const e = serverError(published);
        throw trusteeToolError('server_refused', `the server did not give the published election (${published.status} ${e.code}): ${e.message}`);
      }
      const election = parseElection(JSON.stringify(published.body));
      if (!group().equals(combineTrusteeKeys(listed.map((t) => t.kind)), election.publicKey)) {
        throw trusteeToolError('election_mismatch', "the published election's key is NOT made from these trustees' keys: your key does not protect this election; tell the administrator and the observers");
      }
      console.log(`✓ The published election "${election.name}" (${election.uuid}) is encrypted to a key made from the trustees' keys, yours included.`);
    });
}
