import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCryptoError } from 'src/crypto/errors';
import { readTallyForTrustees, type TallyForTrustees } from 'src/crypto/tally/tally-for-trustees';
import { parseTrusteeSecret, type TrusteeSecret } from 'src/crypto/trustees/trustee-secret';
import { trusteeToolError } from 'src/cli/trustee.errors';

// The one place the trustee commands read and write files, so every command says the same
// thing about a missing file, a damaged one, or one it will not overwrite.

function readBytes(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw trusteeToolError('file_unreadable', `cannot read the ${what} ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

function asFileError(e: unknown, file: string, what: string): never {
  // CryptoError messages name a field and a reason, never a key's value.
  if (isCryptoError(e)) throw trusteeToolError('file_invalid', `${file} is not a valid ${what}: ${e.message}`);
  throw e;
}

/** A Single `.privkey` or a Pedersen `.share`. */
export function readKeyFile(file: string): TrusteeSecret {
  const text = readBytes(file, 'key file').toString('utf8');
  try {
    return parseTrusteeSecret(text, path.basename(file));
  } catch (e) {
    return asFileError(e, file, 'trustee key file (.privkey or .share)');
  }
}

/** The `for-trustees` JSON or a `.bel` holding the EncryptedTally. */
export function readRecordFile(file: string): TallyForTrustees {
  const bytes = readBytes(file, 'record');
  try {
    return readTallyForTrustees(bytes, path.basename(file));
  } catch (e) {
    return asFileError(e, file, 'for-trustees JSON or .bel archive');
  }
}

export function readTextFile(file: string, what: string): string {
  return readBytes(file, what).toString('utf8');
}

/** Refuses before writing anything when one of the files already exists: a key is never overwritten. */
export function ensureNoneExist(files: readonly string[]): void {
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length > 0) throw trusteeToolError('file_exists', `refusing to overwrite ${existing.join(', ')}: move it away or choose another --out`);
}

/** Creates the file (never overwrites); `secret` files are readable by their owner alone. */
export function writeNewFile(file: string, text: string, opts: { secret?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { mode: opts.secret ? 0o600 : 0o644, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') ensureNoneExist([file]);
    throw e;
  }
}
