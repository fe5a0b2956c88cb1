import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';

export function packsDir(dataDir: string, electionId: string): string {
  return path.join(dataDir, 'elections', electionId, 'packs');
}

export function batchFileName(batch: number): string {
  return `batch-${String(batch).padStart(4, '0')}.pdf`;
}

/**
 * A file written to a temporary name and renamed into place once complete and flushed, so a
 * crash leaves either no file or the whole file — never half a batch under the real name.
 * `digest()` is the SHA-256 of everything written.
 */
export function atomicWriter(finalPath: string): { stream: Transform; commit: () => Promise<string> } {
  fs.mkdirSync(path.dirname(finalPath), { recursive: true });
  const tmp = `${finalPath}.${process.pid}.tmp`;
  const hash = createHash('sha256');
  const file = fs.createWriteStream(tmp);
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  stream.pipe(file);
  const closed = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', reject);
  });
  return {
    stream,
    commit: async () => {
      await closed;
      const fd = fs.openSync(tmp, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, finalPath);
      return hash.digest('hex');
    },
  };
}
