import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { type ScanMime } from 'src/scan/read/types';

const EXTENSION: Record<ScanMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/tiff': 'tif', 'application/pdf': 'pdf' };

/**
 * The scanned images, kept for audit under SCAN_DIR as `<electionId>/<sha256>.<ext>`: the name
 * is the content, so identical bytes are stored once and a record's image hash finds its file.
 */
@Injectable()
export class ScanStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = config.scan.dir;
  }

  /** The file's path relative to the store, as the page row keeps it. */
  relativePath(electionId: string, sha256: string, mime: ScanMime): string {
    return path.join(electionId, `${sha256}.${EXTENSION[mime]}`);
  }

  /**
   * Writes the file durably (temp name, fsync, rename, fsync of the folder) before the caller's
   * transaction commits, so a committed page always has its image. Returns whether it was new.
   */
  async put(electionId: string, sha256: string, mime: ScanMime, bytes: Buffer): Promise<{ file: string; created: boolean }> {
    const file = this.relativePath(electionId, sha256, mime);
    const target = path.join(this.root, file);
    if (await exists(target)) return { file, created: false };
    const dir = path.dirname(target);
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.${randomUUID()}.part`);
    try {
      const handle = await fs.promises.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, target);
    } catch (e) {
      await fs.promises.rm(temp, { force: true });
      throw e;
    }
    await syncDir(dir);
    return { file, created: true };
  }

  read(file: string): Promise<Buffer> {
    return fs.promises.readFile(path.join(this.root, file));
  }

  /** Removes a file this upload created when its transaction did not commit. */
  async remove(file: string): Promise<void> {
    await fs.promises.rm(path.join(this.root, file), { force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.promises.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Makes the rename itself durable (a crash right after could otherwise lose the name). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
