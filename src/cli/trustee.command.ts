import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { useFastestBackend } from 'src/crypto/native/backend';

/**
 * The trustee's side of the key ceremony, on the trustee's own machine: the private key is
 * written to a file only they hold, and only the public key (with its proof of knowledge) goes
 * to the administrator, who registers it with `POST /elections/:id/trustees`. The server never
 * sees the private key (DESIGN.md §4).
 */
export function registerTrusteeCommand(program: Command): void {
  const trustee = program.command('trustee').description("A trustee's keys (run on the trustee's own machine)");
  trustee
    .command('keygen')
    .description('Generate a single trustee key: <id>.privkey (keep it secret) and <id>.pubkey (give it to the administrator)')
    .option('--out <dir>', 'directory to write the two files to', '.')
    .action((opts: { out: string }) => {
      useFastestBackend();
      const { secret, publicKey } = generateSingleTrustee();
      const pub = serializeTrusteePublicKey(publicKey);
      const id = createHash('sha256').update(pub).digest('hex').slice(0, 12);
      fs.mkdirSync(opts.out, { recursive: true });
      const privFile = path.join(opts.out, `${id}.privkey`);
      const pubFile = path.join(opts.out, `${id}.pubkey`);
      // The private key as belenios-tool writes it: the scalar as a JSON string. `wx`: never
      // overwrite an existing key, and create it readable by its owner alone.
      fs.writeFileSync(privFile, `${JSON.stringify(secret.toString())}\n`, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(pubFile, `${pub}\n`, { flag: 'wx' });
      console.log(`Trustee key ${id}`);
      console.log(`  private key: ${privFile}  (keep it offline; it decrypts the tally with the other trustees' keys)`);
      console.log(`  public key:  ${pubFile}  (send it to the election administrator)`);
    });
}
