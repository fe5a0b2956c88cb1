import { PrintProgressDto } from 'src/packs/packs.dto';

const BAR = 24;

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** `done/total packs, batches, packs/s, ETA, failures`: the words of both forms of the line. */
function facts(p: PrintProgressDto): string {
  const fail = p.failures > 0 ? `, ${p.failures} batch(es) failing` : '';
  return `${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} packs, batch ${p.batchesDone}/${p.batches}, ${p.packsPerSecond} packs/s, ETA ${duration(p.etaSeconds)}${fail}`;
}

/** One line for a terminal, redrawn in place: a bar, then the facts. */
export function progressBar(p: PrintProgressDto): string {
  const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(ratio * BAR);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${facts(p)}`;
}

/** A plain line for logs and pipes (no carriage returns, no bar). */
export function progressText(p: PrintProgressDto): string {
  return `packs: ${facts(p)}`;
}
