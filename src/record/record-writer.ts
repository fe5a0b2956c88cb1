// Writes the record's files into a directory, hashing as it goes, so a 160,000-line file is
// never held whole in memory; then the manifest and SHA256SUMS over what was written.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_PATH, manifestJson, RecordFile, sha256Hex, sha256Sums, sortFiles, SUMS_PATH } from 'src/record/record-format';

export type FileContent = Uint8Array | AsyncIterable<string | Uint8Array>;

const FLUSH_BYTES = 1 << 20;
const encoder = new TextEncoder();

export interface WrittenRecord {
  /** The files the manifest lists, sorted by path. */
  files: RecordFile[];
  manifestSha256: string;
}

export class RecordDirWriter {
  private readonly files: RecordFile[] = [];

  constructor(readonly dir: string) {}

  async write(relPath: string, content: FileContent): Promise<RecordFile> {
    const file = await writeHashed(path.join(this.dir, relPath), content);
    const entry = { path: relPath, ...file };
    this.files.push(entry);
    return entry;
  }

  /** Writes manifest.json and SHA256SUMS over every file written so far. */
  async finish(electionId: string): Promise<WrittenRecord> {
    const manifest = manifestJson(electionId, this.files);
    await writeHashed(path.join(this.dir, MANIFEST_PATH), manifest);
    await writeHashed(path.join(this.dir, SUMS_PATH), sha256Sums(this.files));
    return { files: sortFiles(this.files), manifestSha256: sha256Hex(manifest) };
  }
}

/** Writes a file (flushed to disk before it counts as written), returning its hash and size. */
async function writeHashed(file: string, content: FileContent): Promise<{ sha256: string; bytes: number }> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const fh = await fs.promises.open(file, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const put = async (chunk: Uint8Array) => {
      hash.update(chunk);
      bytes += chunk.byteLength;
      await fh.write(chunk);
    };
    if (content instanceof Uint8Array) {
      await put(content);
    } else {
      // Lines arrive one by one; write them in large pieces.
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      for await (const part of content) {
        const chunk = typeof part === 'string' ? encoder.encode(part) : part;
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= FLUSH_BYTES) {
          await put(Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) await put(Buffer.concat(pending));
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}
