import { Command } from 'commander';
import { parseElection } from 'src/crypto/election/election';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import { useFastestBackend } from 'src/crypto/native/backend';
import { serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { matchTrustee, parseTrusteeRows, type ListedTrustee } from 'src/crypto/trustees/trustee-rows';
import { publicPartOf, type TrusteeSecret } from 'src/crypto/trustees/trustee-secret';
import { combineTrusteeKeys } from 'src/crypto/trustees/trustees';
import { readKeyFile } from 'src/cli/trustee-files';
import { callServer, endpoint, serverError, staffToken } from 'src/cli/trustee-server';
import { trusteeToolError } from 'src/cli/trustee.errors';

/** The server's trustee rows, or a clear error when it answered something else. */
function listedTrustees(body: unknown): ListedTrustee[] {
  try {
    return parseTrusteeRows(body);
  } catch (e) {
    if (isCryptoError(e)) throw trusteeToolError('server_answer_invalid', `the server's trustee list is malformed: ${e.message}`);
    throw e;
  }
}

function describeMatch(listed: ListedTrustee[], secret: TrusteeSecret): string {
  const m = matchTrustee(listed, publicPartOf(secret));
  if (!m) throw trusteeToolError('not_a_trustee', 'your key is NOT among this election’s trustees: do not let the election open; tell the administrator');
  if (!m.group) return `your key is trustee ${m.owner} ("${m.name}")`;
  const sameCeremony = secret.kind === 'share' && sha256Hex(serializeThresholdParameters(m.group.parameters.parameters)) === secret.parametersSha256;
  const warning = secret.kind === 'share' && !sameCeremony ? ', but the group parameters differ from the ones your share was made with: ask the administrator' : '';
  return `your share is member ${m.member} of the ${m.group.threshold}-of-${m.group.size} group "${m.name}" (trustee ${m.owner})${warning}`;
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
      const listed = listedTrustees(listAnswer.body);
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
