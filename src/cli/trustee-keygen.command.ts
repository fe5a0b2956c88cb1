import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Command } from 'commander';
import { useFastestBackend } from 'src/crypto/native/backend';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { ensureNoneExist, writeNewFile } from 'src/cli/trustee-files';

export function registerKeygen(trustee: Command): void {
  trustee
    .command('keygen')
    .description('Generate a single trustee key: <id>.privkey (keep it secret) and <id>.pubkey (give it to the administrator)')
    .option('--out <dir>', 'directory to write the two files to', '.')
    .action((opts: { out: string }) => {
      useFastestBackend();
      const { secret, publicKey } = generateSingleTrustee();
      const pub = serializeTrusteePublicKey(publicKey);
      const id = createHash('sha256').update(pub).digest('hex').slice(0, 12);
      const privFile = path.join(opts.out, `${id}.privkey`);
      const pubFile = path.join(opts.out, `${id}.pubkey`);
      ensureNoneExist([privFile, pubFile]);
      // The private key as belenios-tool writes it: the scalar as a JSON string.
      writeNewFile(privFile, `${JSON.stringify(secret.toString())}\n`, { secret: true });
      writeNewFile(pubFile, `${pub}\n`);
      console.log(`Trustee key ${id}`);
      console.log(`  private key: ${privFile}  (keep it offline; it decrypts the tally with the other trustees' keys)`);
      console.log(`  public key:  ${pubFile}  (send it to the election administrator)`);
    });
}
