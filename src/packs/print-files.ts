import { createHash, randomBytes } from 'node:crypto';
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
  // Unique per writer: two workers (or two runs in one process) may write the same file at once.
  const tmp = `${finalPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
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

export const MANIFEST_HEADER = 'batch,sequence,pack_serial,first_page,last_page';

/** SHA-256 of a file, or null when there is no such file. */
export async function sha256OfFile(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return hash.digest('hex');
}

/**
 * Removes temporary batch files left by runs that died (SIGKILL, lost machine). Only called
 * once every batch is recorded, so no live run still needs one; a straggler that loses its
 * file fails and its retry finds the batch done.
 */
export function removeStaleBatchTemps(dir: string): void {
  for (const name of fs.readdirSync(dir)) if (/^batch-\d+\.pdf\.\d+\.[0-9a-f]+\.tmp$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Writes a chunk, waiting when the stream's buffer is full (a manifest can be tens of megabytes). */
export async function writeChunk(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}
