import { Command } from 'commander';
import { readTextFile } from 'src/cli/trustee-files';
import { callServer, endpoint, serverError, staffToken, type ServerAnswer } from 'src/cli/trustee-server';
import { trusteeToolError } from 'src/cli/trustee.errors';

/** The upload file as `trustee decrypt` wrote it; checked here so a wrong file is not sent. */
function readUpload(file: string): string {
  const text = readTextFile(file, 'partial decryption');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const o = v as { owner?: unknown; partialDecryption?: unknown } | undefined;
  if (!o || typeof o !== 'object' || !Number.isSafeInteger(o.owner) || o.partialDecryption === undefined) {
    throw trusteeToolError('file_invalid', `${file} is not a partial decryption: expected { "owner": n, "partialDecryption": … } as trustee decrypt writes it`);
  }
  return text.trim();
}

function refusal(a: ServerAnswer): Error {
  const e = serverError(a);
  switch (a.status) {
    case 401:
      return trusteeToolError('server_refused', `not signed in (${e.code}): HB_TOKEN is missing, expired or wrong — sign in again and export the new token`);
    case 403:
      return trusteeToolError('server_refused', `your account may not upload decryptions (${e.code}): it needs the trustee or administrator role`);
    case 409:
      return trusteeToolError('server_refused', `${e.message} (${e.code})`);
    case 422: {
      const invalid = Array.isArray(e.details.invalid) ? ` — failing factors [question, answer]: ${JSON.stringify(e.details.invalid)}` : '';
      const reason = typeof e.details.reason === 'string' ? ` (${e.details.reason})` : '';
      return trusteeToolError('server_refused', `the server refused the partial decryption${reason}: ${e.message} (${e.code})${invalid}`);
    }
    default:
      return trusteeToolError('server_refused', `the server answered ${a.status} ${e.code}: ${e.message}`);
  }
}

export function registerUpload(trustee: Command): void {
  trustee
    .command('upload')
    .description('Send a partial decryption (from trustee decrypt) to the server, with your staff session token in HB_TOKEN')
    .requiredOption('--server <url>', 'the hybrid-ballot server, e.g. https://vote.example.org')
    .requiredOption('--election <id>', 'the election id')
    .requiredOption('--file <file>', 'the { owner, partialDecryption } file trustee decrypt wrote')
    .action(async (opts: { server: string; election: string; file: string }) => {
      const body = readUpload(opts.file);
      const token = staffToken();
      const answer = await callServer(endpoint(opts.server, opts.election, 'tally/partial-decryptions'), { method: 'POST', token, body });
      if (answer.status !== 200 && answer.status !== 201) throw refusal(answer);
      const a = answer.body as { owner?: number; decrypted?: number; needed?: number; resultReady?: boolean };
      console.log(answer.status === 200 ? `Already accepted earlier: trustee ${a.owner}'s partial decryption is the same.` : `Accepted: trustee ${a.owner}'s partial decryption verifies.`);
      if (a.decrypted !== undefined && a.needed !== undefined) console.log(`  ${a.decrypted} of ${a.needed} needed partial decryptions received.`);
      if (a.resultReady) console.log('  That was enough: the result is being computed.');
    });
}
