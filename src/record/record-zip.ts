// record.zip, byte for byte the same from the same files: entries sorted by path, one fixed
// modification time, files read in fixed-size pieces (deflate's output depends on how its
// input is split). Streamed: a large `.bel` is never held whole in memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { byCodePoint } from 'src/record/record-format';

const READ_BYTES = 1 << 20;

/**
 * Zip stores local wall-clock time and fflate reads the Date's local fields: a Date built from
 * local fields gives the same stored time in every time zone.
 */
function fixedMtime(): Date {
  return new Date(2000, 0, 1, 0, 0, 0);
}

/** Zips `paths` (relative to `dir`) into `outFile`; returns the zip's size. */
export async function writeRecordZip(dir: string, paths: string[], outFile: string): Promise<number> {
  const out = await fs.promises.open(outFile, 'w');
  let pending: Uint8Array[] = [];
  let failure: Error | null = null;
  let size = 0;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else pending.push(chunk);
  });
  const flush = async () => {
    if (failure) throw failure;
    const chunks = pending;
    pending = [];
    for (const c of chunks) {
      await out.write(c);
      size += c.byteLength;
    }
  };
  try {
    const buffer = Buffer.alloc(READ_BYTES);
    for (const rel of [...paths].sort(byCodePoint)) {
      const entry = new ZipDeflate(rel, { level: 6 });
      entry.mtime = fixedMtime();
      zip.add(entry);
      const input = await fs.promises.open(path.join(dir, rel), 'r');
      try {
        for (;;) {
          const { bytesRead } = await readFull(input, buffer);
          // A copy: fflate may keep a reference to what it is given until the entry ends.
          entry.push(Uint8Array.prototype.slice.call(buffer, 0, bytesRead), bytesRead < READ_BYTES);
          await flush();
          if (bytesRead < READ_BYTES) break;
        }
      } finally {
        await input.close();
      }
    }
    zip.end();
    await flush();
    await out.sync();
  } finally {
    await out.close();
  }
  return size;
}

/** Fills the buffer unless the file ends first (a plain read may return less on some systems). */
async function readFull(fh: fs.promises.FileHandle, buffer: Buffer): Promise<{ bytesRead: number }> {
  let total = 0;
  while (total < buffer.length) {
    const { bytesRead } = await fh.read(buffer, total, buffer.length - total, null);
    if (bytesRead === 0) break;
    total += bytesRead;
  }
  return { bytesRead: total };
}
