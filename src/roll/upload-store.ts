import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rollError } from 'src/roll/roll.errors';

export interface StoredUpload {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Streams a request body to a file under `dir`, hashing it on the way. Beyond `limit` bytes the
 * copy stops and the partial file is deleted: nothing of an oversized upload is kept.
 */
export async function storeUpload(body: NodeJS.ReadableStream, dir: string, limit: number): Promise<StoredUpload> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}.csv`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(rollError('upload_too_large', `The file is larger than the upload limit of ${limit} bytes.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await fs.promises.rm(file, { force: true });
    if (e instanceof Error && 'code' in e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw rollError('upload_incomplete', 'The upload was interrupted before the end of the file.');
    }
    throw e;
  }
  return { path: file, bytes, sha256: hash.digest('hex') };
}
