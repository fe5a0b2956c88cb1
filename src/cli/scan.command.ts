import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { endpoint, serverError, staffToken } from 'src/cli/trustee-server';
import { defineErrors } from 'src/platform/errors/domain-error';

const scanToolError = defineErrors({ folder_unreadable: 'invalid', invalid_option: 'invalid', uploads_refused: 'unprocessable' });

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.pdf': 'application/pdf',
};

export interface ScanOptions {
  server: string;
  election: string;
  batch: string;
  watch?: boolean;
  json?: boolean;
  /** Seconds between two looks at the folder with --watch. */
  interval?: number;
}

interface PageAnswer {
  imagePage: number;
  status: string;
  reasons: string[];
  duplicate: boolean;
}

export interface ScanSummary {
  files: number;
  refused: number;
  pages: number;
  byStatus: Record<string, number>;
}

/** The scan files of a folder, by name (a scanner numbers its output in feed order). */
function scanFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    throw scanToolError('folder_unreadable', `cannot read the folder ${dir}`);
  }
  return names.filter((n) => !n.startsWith('.') && TYPES[path.extname(n).toLowerCase()] !== undefined).sort();
}

async function upload(opts: ScanOptions, token: string, file: string): Promise<{ ok: true; pages: PageAnswer[] } | { ok: false; message: string }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { ok: false, message: 'cannot read the file' };
  }
  const url = endpoint(opts.server, opts.election, `count/batches/${encodeURIComponent(opts.batch)}/scans`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': TYPES[path.extname(file).toLowerCase()], authorization: `Bearer ${token}` },
      body: new Uint8Array(bytes),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return { ok: false, message: `cannot reach ${new URL(url).origin}${cause ? ` (${cause})` : ''}` };
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's error page: shown as text.
  }
  if (res.status === 201) return { ok: true, pages: (body as { pages: PageAnswer[] }).pages };
  const e = serverError({ status: res.status, body });
  return { ok: false, message: `refused ${res.status} ${e.code}: ${e.message}` };
}

/**
 * Uploads every scan in the folder, once each (the server also ignores identical bytes sent
 * again, so a re-run is safe). With `watch`, keeps looking for new files until `signal` aborts;
 * a file is sent once its size has stopped changing (the scanner has finished writing it).
 */
export async function scanFolder(dir: string, opts: ScanOptions, signal?: AbortSignal, print: (line: string) => void = console.log): Promise<ScanSummary> {
  const token = staffToken();
  const summary: ScanSummary = { files: 0, refused: 0, pages: 0, byStatus: {} };
  const sent = new Set<string>();
  const sizes = new Map<string, number>();
  for (;;) {
    for (const name of scanFiles(dir)) {
      if (sent.has(name)) continue;
      const file = path.join(dir, name);
      if (opts.watch) {
        const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
        if (size === undefined || sizes.get(name) !== size) {
          if (size !== undefined) sizes.set(name, size);
          continue;
        }
      }
      sent.add(name);
      summary.files++;
      const answer = await upload(opts, token, file);
      if (!answer.ok) {
        summary.refused++;
        print(opts.json ? JSON.stringify({ file: name, refused: answer.message }) : `${name}: ${answer.message}`);
        continue;
      }
      for (const p of answer.pages) {
        summary.pages++;
        summary.byStatus[p.status] = (summary.byStatus[p.status] ?? 0) + 1;
        print(
          opts.json
            ? JSON.stringify({ file: name, ...p })
            : `${name} page ${p.imagePage}: ${p.status}${p.reasons.length ? ` (${p.reasons.join(', ')})` : ''}${p.duplicate ? ' — sent before, nothing new stored' : ''}`,
        );
      }
    }
    if (!opts.watch || signal?.aborted) break;
    try {
      await sleep((opts.interval ?? 2) * 1000, undefined, { signal });
    } catch {
      // Aborted while waiting: one last look at the folder, then stop.
      if (!signal?.aborted) throw new Error('unexpected wake-up');
    }
  }
  const statuses = Object.entries(summary.byStatus).map(([s, n]) => `${n} ${s}`);
  print(
    opts.json
      ? JSON.stringify({ summary })
      : `${summary.files} file(s), ${summary.pages} page(s)${statuses.length ? `: ${statuses.join(', ')}` : ''}${summary.refused ? `; ${summary.refused} file(s) refused` : ''}`,
  );
  return summary;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('Upload scanned ballot papers (png, jpg, tif, pdf) from a folder into a count batch, with your staff session token in HB_TOKEN')
    .argument('<dir>', 'the folder holding the scans (e.g. the scanner’s output folder); files are sent in name order')
    .requiredOption('--server <url>', 'the hybrid-ballot server, e.g. https://vote.example.org')
    .requiredOption('--election <id>', 'the election id')
    .requiredOption('--batch <id>', 'the open count batch the papers belong to')
    .option('--watch', 'keep watching the folder for new scans until interrupted (Ctrl-C)')
    .option('--interval <seconds>', 'with --watch, seconds between two looks at the folder', '2')
    .option('--json', 'one JSON object per page, then a summary, instead of text lines')
    .addHelpText('after', '\nExit status: 0 when every file was taken (pages sent to adjudication included), 1 when any upload was refused.')
    .action(async (dir: string, o: { server: string; election: string; batch: string; watch?: boolean; interval: string; json?: boolean }) => {
      const interval = Number(o.interval);
      if (!Number.isFinite(interval) || interval <= 0) throw scanToolError('invalid_option', '--interval takes a number of seconds above 0');
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      try {
        const summary = await scanFolder(dir, { ...o, interval }, stop.signal);
        if (summary.refused > 0) throw scanToolError('uploads_refused', `${summary.refused} of ${summary.files} file(s) were refused`);
      } finally {
        process.removeListener('SIGINT', onSignal);
      }
    });
}
