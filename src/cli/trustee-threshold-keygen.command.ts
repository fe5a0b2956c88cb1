import * as path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { group } from 'src/crypto/group';
import { useFastestBackend } from 'src/crypto/native/backend';
import { generatePedersen, serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { serializeShareFile } from 'src/crypto/trustees/trustee-secret';
import { ensureNoneExist, writeNewFile } from 'src/cli/trustee-files';
import { trusteeToolError } from 'src/cli/trustee.errors';

const positiveInt = (v: string): number => {
  if (!/^[1-9][0-9]{0,2}$/.test(v)) throw new InvalidArgumentError('expected a whole number from 1 to 999');
  return Number(v);
};

const ONE_SITTING =
  'The whole ceremony runs here, in one sitting, on one machine: use an offline machine, hand each ' +
  'member their file, then delete the .share files from it. (The distributed Belenios ceremony, ' +
  'where no machine ever holds every share, is not implemented yet.)';

export function registerThresholdKeygen(trustee: Command): void {
  trustee
    .command('threshold-keygen')
    .description('Generate a Pedersen k-of-n trustee group: parameters.json for the administrator and one member-<i>.share per member')
    .requiredOption('--trustees <n>', 'number of members in the group', positiveInt)
    .requiredOption('--threshold <k>', 'how many members are needed to decrypt (1 ≤ k ≤ n)', positiveInt)
    .option('--out <dir>', 'directory to write the files to', '.')
    .addHelpText('after', `\n${ONE_SITTING}\n`)
    .action((opts: { trustees: number; threshold: number; out: string }) => {
      if (opts.threshold > opts.trustees) throw trusteeToolError('invalid_option', `--threshold ${opts.threshold} is more than --trustees ${opts.trustees}`);
      const paramsFile = path.join(opts.out, 'parameters.json');
      const shareFile = (i: number) => path.join(opts.out, `member-${i}.share`);
      const members = Array.from({ length: opts.trustees }, (_, j) => j + 1);
      ensureNoneExist([paramsFile, ...members.map(shareFile)]);

      useFastestBackend();
      const { parameters, trustees } = generatePedersen(opts.trustees, opts.threshold);
      const paramsText = serializeThresholdParameters(parameters);
      // Each share names the ceremony it came from: `trustee check` compares it with the
      // parameters the server holds.
      const parametersSha256 = sha256Hex(paramsText);
      writeNewFile(paramsFile, `${paramsText}\n`);
      for (const i of members) {
        const t = trustees[i - 1];
        const verificationKey = group().encode(parameters.verificationKeys[i - 1].publicKey);
        writeNewFile(shareFile(i), `${serializeShareFile({ member: i, size: opts.trustees, threshold: opts.threshold, share: t.share, seed: t.seed, verificationKey, parametersSha256 })}\n`, { secret: true });
      }
      console.log(`Pedersen trustee group: ${opts.threshold} of ${opts.trustees} members needed to decrypt (parameters SHA-256 ${parametersSha256})`);
      console.log(`  ${paramsFile}  → the election administrator registers it ({ name, kind: "pedersen", parameters })`);
      for (const i of members) console.log(`  ${shareFile(i)}  → member ${i} only (secret: copy it to their own medium, then delete it here)`);
      console.log(ONE_SITTING);
    });
}
