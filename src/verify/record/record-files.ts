// The files of a published record (docs/RECORD.md), whatever form it came in: a directory, a
// record.zip (at its root or under one top-level folder) or a bare .bel. Reading never judges the
// content: a missing or odd file is for the checks to report. Only input that is not a record at
// all (no such path, not a zip, neither manifest.json nor election.json) is refused here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

export type RecordForm = 'directory' | 'zip' | 'bel';

export interface RecordFiles {
  form: RecordForm;
  /** Every file, by its path inside the record ('/'-separated). */
  files: ReadonlyMap<string, Uint8Array>;
}

/** Input the verifier cannot use at all (exit code 2), as opposed to a record that fails checks. */
export class UnusableRecordError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function listDirectory(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string, prefix: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = prefix + d.name;
      if (d.isDirectory()) walk(path.join(dir, d.name), `${rel}/`);
      else files.set(rel, new Uint8Array(fs.readFileSync(path.join(dir, d.name))));
    }
  };
  walk(root, '');
  return files;
}

function unzip(bytes: Uint8Array, where: string): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new UnusableRecordError(`${where} is not a readable zip: ${(e as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, body] of Object.entries(entries)) if (!name.endsWith('/')) files.set(name, body);
  // A zip made by zipping the record folder holds everything under that folder's name.
  const tops = new Set([...files.keys()].map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  if (!files.has('manifest.json') && tops.size === 1 && !tops.has('')) {
    const [top] = tops;
    return new Map([...files].map(([n, b]) => [n.slice(top.length), b]));
  }
  return files;
}

function looksLikeRecord(files: ReadonlyMap<string, Uint8Array>, where: string): void {
  if (!files.has('manifest.json') && !files.has('election.json')) {
    throw new UnusableRecordError(`${where} is not an election record: it has neither manifest.json nor election.json`);
  }
}

/** Read a record directory, record.zip or .bel. Throws UnusableRecordError when it is none of these. */
export function readRecordFiles(input: string): RecordFiles {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (e) {
    throw new UnusableRecordError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (stat.isDirectory()) {
    const files = listDirectory(input);
    looksLikeRecord(files, input);
    return { form: 'directory', files };
  }
  const bytes = new Uint8Array(fs.readFileSync(input));
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (isZip || input.toLowerCase().endsWith('.zip')) {
    const files = unzip(bytes, input);
    looksLikeRecord(files, input);
    return { form: 'zip', files };
  }
  return { form: 'bel', files: new Map([[path.basename(input), bytes]]) };
}
