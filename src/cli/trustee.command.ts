import { Command } from 'commander';
import { registerCheck } from 'src/cli/trustee-check.command';
import { registerDecrypt } from 'src/cli/trustee-decrypt.command';
import { registerKeygen } from 'src/cli/trustee-keygen.command';
import { registerThresholdKeygen } from 'src/cli/trustee-threshold-keygen.command';
import { registerUpload } from 'src/cli/trustee-upload.command';

/**
 * The trustee's side of the key ceremony and of the tally, on the trustee's own machine: private
 * keys and shares are written to files only they hold, and only public parts (public keys,
 * threshold parameters, proven partial decryptions) go to the server. The server never sees a
 * private key (DESIGN.md §4; docs/TRUSTEES.md).
 */
export function registerTrusteeCommand(program: Command): void {
  const trustee = program.command('trustee').description("A trustee's keys and decryption (run on the trustee's own machine)");
  registerKeygen(trustee);
  registerThresholdKeygen(trustee);
  registerCheck(trustee);
  registerDecrypt(trustee);
  registerUpload(trustee);
}
