import * as path from 'node:path';
import { Command } from 'commander';
import { useFastestBackend } from 'src/crypto/native/backend';
import { decryptAsTrustee, TrusteeDecryptionError } from 'src/crypto/tally/trustee-decryption';
import { readKeyFile, readRecordFile, writeNewFile } from 'src/cli/trustee-files';
import { trusteeToolError } from 'src/cli/trustee.errors';

export function registerDecrypt(trustee: Command): void {
  trustee
    .command('decrypt')
    .description("Compute this trustee's partial decryption of the tally (the private key never leaves this machine)")
    .requiredOption('--record <file>', 'the for-trustees JSON (GET /elections/:id/tally/for-trustees) or a .bel holding the encrypted tally')
    .requiredOption('--key <file>', 'your .privkey (trustee keygen) or .share (trustee threshold-keygen)')
    .option('--out <file>', 'where to write { owner, partialDecryption } (default: partial-decryption-<owner>.json beside the record)')
    .action((opts: { record: string; key: string; out?: string }) => {
      useFastestBackend();
      const input = readRecordFile(opts.record);
      const secret = readKeyFile(opts.key);
      let result;
      try {
        result = decryptAsTrustee(input, secret);
      } catch (e) {
        if (e instanceof TrusteeDecryptionError) throw trusteeToolError(e.code, e.message);
        throw e;
      }
      const out = opts.out ?? path.join(path.dirname(opts.record), `partial-decryption-${result.owner}.json`);
      writeNewFile(out, `${result.upload}\n`);
      console.log(`Partial decryption of trustee ${result.owner} written to ${out} (its proofs verify).`);
      console.log(`Upload it on the trustee page, or: hybrid-ballot trustee upload --server URL --election ID --file ${out}`);
    });
}
