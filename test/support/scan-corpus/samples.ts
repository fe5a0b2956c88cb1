// Writes a few corpus items as PNGs for a person to look at (scripts/scan-corpus-samples.js):
// each page downscaled to 1000 px high, and its answer boxes cropped at full resolution. With
// --papers N it also times a corpus of N papers at 200 and 300 dpi.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { type CorpusItem, DEFAULT_QUESTIONS, generateCorpus, photocopy } from 'test/support/scan-corpus';

/** The item's scan as a grey-or-colour image sharp can read (PDFs through pdftoppm). */
function viewable(item: CorpusItem): Buffer {
  if (item.mime !== 'application/pdf') return item.bytes;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-sample-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), item.bytes);
    execFileSync('pdftoppm', ['-r', String(item.dpi), '-png', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
    return fs.readFileSync(path.join(dir, 'out.png'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeSamples(outDir: string, seed = 7): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const corpus = await generateCorpus({ seed, papers: 60, dpis: [200, 300] });
  // One of each category and mark style first, then whatever has a distractor.
  const chosen: CorpusItem[] = [];
  const seen = new Set<string>();
  for (const it of corpus) {
    const key = `${it.category}:${it.marks.map((m) => m.style).join('+')}`;
    if (!seen.has(key)) {
      seen.add(key);
      chosen.push(it);
    }
  }
  for (const it of corpus) if (it.distractors.some((d) => d !== 'stray_dot') && !chosen.includes(it)) chosen.push(it);
  const picked = chosen.slice(0, 12);
  picked.push(await photocopy(picked[0], seed));
  const written: string[] = [];
  for (const it of picked) {
    const img = sharp(viewable(it));
    const meta = await img.metadata();
    const page = path.join(outDir, `${it.id}.png`);
    await sharp(viewable(it)).resize({ height: 1000 }).png().toFile(page);
    const px = it.dpi / 25.4;
    // The answer boxes, from the scan's centre (where the page's centre is, give or take the offset).
    const left = Math.max(0, Math.round(meta.width / 2 - 85 * px));
    const top = Math.max(0, Math.round(meta.height / 2 - 92 * px));
    const crop = { left, top, width: Math.min(meta.width - left, Math.round(80 * px)), height: Math.min(meta.height - top, Math.round(75 * px)) };
    await sharp(viewable(it)).extract(crop).png().toFile(path.join(outDir, `${it.id}-boxes.png`));
    written.push(`${it.id}: ${it.category}, marks ${JSON.stringify(it.marks)}, distractors ${JSON.stringify(it.distractors)}, ${JSON.stringify(it.degradation)}, expected ${JSON.stringify(it.expected)}`);
  }
  fs.writeFileSync(path.join(outDir, 'index.txt'), written.join('\n') + '\n');
  return written;
}

export async function timeCorpus(papers: number): Promise<string> {
  const t0 = process.hrtime.bigint();
  const items = await generateCorpus({ seed: 1, papers, dpis: [200, 300], questions: DEFAULT_QUESTIONS });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = items.reduce((n, it) => n + it.bytes.length, 0) / 1e6;
  const byCategory: Record<string, number> = {};
  for (const it of items) byCategory[it.category] = (byCategory[it.category] ?? 0) + 1;
  return `${papers} papers in ${s.toFixed(1)} s (${((s * 1000) / papers).toFixed(0)} ms/paper), ${mb.toFixed(0)} MB of scans, ${JSON.stringify(byCategory)}`;
}

/** `[outDir]` writes the samples; `--papers N` times a corpus of N papers. */
export async function main(args: string[]): Promise<void> {
  const n = args.indexOf('--papers');
  if (n >= 0) {
    console.log(await timeCorpus(Number(args[n + 1])));
    return;
  }
  const out = path.resolve(args[0] ?? '/tmp/hb/corpus-samples');
  for (const line of await writeSamples(out)) console.log(line);
  console.log(`written to ${out}`);
}
