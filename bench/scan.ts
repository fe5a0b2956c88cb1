// `npm run bench -- scan [--papers N] [--rounds R]`: reading scanned ballot papers (issue 7).
// Real ballot papers rendered from our packs at 300 dpi, each with one pen mark, skewed, blurred,
// noised and encoded as a scanner would (the test corpus' own functions), then read: decoding,
// registration, barcode and box fills. Reported per file format on one thread (libvips held to
// one thread too), against two references measured in the same run on the same files — decoding
// the image at full resolution (the floor any reader pays) and zxing searching the whole page for
// the barcode (what reading costs without the registration marks) — and then with the pages
// spread over worker threads.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import * as fs from 'node:fs';
import { generatePaperId } from 'src/packs/codes';
import { decodeScan, readBallotPage, type BallotGeometry, type ScanMime } from 'src/scan/read';
import { degrade, DEFAULT_QUESTIONS, drawMark, renderBallotPapers, Rng, type ScanFormat } from 'test/support/scan-corpus';
import type { ScanJob, ScanWorkerInput } from './scan-worker';

const DPI = 300;
const FORMATS: ScanFormat[] = ['jpeg', 'png', 'tiff', 'pdf'];

interface Page {
  bytes: Buffer;
  mime: ScanMime;
  paperId: string;
  answer: number;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function makePages(papers: number): Promise<{ geometry: BallotGeometry; pages: Record<ScanFormat, Page[]> }> {
  const rng = new Rng(20261202);
  const paperIds = Array.from({ length: papers }, () => generatePaperId());
  const rendered = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds, dpi: DPI });
  const pages = Object.fromEntries(FORMATS.map((f) => [f, [] as Page[]])) as Record<ScanFormat, Page[]>;
  const boxes = rendered.geometry.pages[0].boxes.filter((b) => b.answer !== null);
  for (const p of rendered.papers) {
    const answer = rng.int(boxes.length);
    const image = { ...p.pages[0], data: Uint8Array.from(p.pages[0].data) };
    drawMark(image, rendered.geometry, DPI, boxes[answer], rng.pick(['tick', 'cross', 'filled', 'circle'] as const), rng);
    const skew = { rotationDeg: rng.range(-3, 3), scale: rng.range(0.98, 1.02), offsetMm: { x: rng.range(-4, 4), y: rng.range(-4, 4) }, blurSigma: rng.range(0, 1), noise: rng.range(0, 6), seed: rng.int(1e9) };
    for (const format of FORMATS) {
      const f = await degrade(image, DPI, { ...skew, format, quality: 85 });
      pages[format].push({ bytes: f.bytes, mime: f.mime, paperId: p.paperId, answer });
    }
  }
  return { geometry: rendered.geometry, pages };
}

/** CPU milliseconds of this process and of its finished children (pdftoppm for PDFs), from /proc. */
function cpuMs(): number {
  const own = process.cpuUsage();
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After the command name: field 14 and 15 of stat(5) (cutime, cstime) are at 13 and 14 here.
  const children = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  return (own.user + own.system) / 1000 + children;
}

/** Wall and CPU milliseconds per item (CPU time is what one core can do when the machine is shared). */
async function timeEach<T>(items: T[], rounds: number, f: (item: T) => Promise<void>): Promise<{ wall: number; cpu: number }> {
  for (const item of items.slice(0, 3)) await f(item);
  const cpu0 = cpuMs();
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const item of items) await f(item);
  const n = rounds * items.length;
  return { wall: (performance.now() - started) / n, cpu: (cpuMs() - cpu0) / n };
}

async function withWorkers(count: number, geometry: BallotGeometry, jobs: Page[]): Promise<number> {
  const workers = Array.from({ length: count }, () => new Worker(path.join(__dirname, 'scan-worker.js'), { workerData: { geometry } satisfies ScanWorkerInput }));
  let next = 0;
  let wrong = 0;
  const started = performance.now();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const send = (): void => {
            if (next >= jobs.length) return resolve();
            const job = jobs[next++];
            w.once('message', (r: { paperId: string | null }) => {
              if (r.paperId !== job.paperId) wrong++;
              send();
            });
            w.postMessage({ bytes: job.bytes, mime: job.mime } satisfies ScanJob);
          };
          w.on('error', reject);
          send();
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  if (wrong) throw new Error(`${wrong} pages misread under workers`);
  return jobs.length / seconds;
}

export async function run(args: string[]): Promise<void> {
  const papers = option(args, 'papers', 24);
  const rounds = option(args, 'rounds', 3);
  sharp.concurrency(1);
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });

  const t0 = performance.now();
  const { geometry, pages } = await makePages(papers);
  console.log(`${papers} ballot papers at ${DPI} dpi, one pen mark each, skewed ±3°, scaled ±2 %, blurred and noised; made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`file sizes (mean): ${FORMATS.map((f) => `${f} ${(pages[f].reduce((a, p) => a + p.bytes.length, 0) / pages[f].length / 1024).toFixed(0)} KiB`).join(', ')}`);
  console.log('');
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (CPU time per page is the figure that holds on a shared machine)`);
  console.log('| format | decode ms | read ms | pages/s (1 thread, wall) | pages per CPU-second | full-res decode CPU ms (ref.) | ours ÷ ref. | zxing whole page CPU ms (ref.) | misread |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const format of FORMATS) {
    const set = pages[format];
    let decodeMs = 0;
    let readMs = 0;
    let misread = 0;
    const perPage = await timeEach(set, rounds, async (p) => {
      const a = performance.now();
      const [page] = await decodeScan(p.bytes, p.mime);
      const b = performance.now();
      const r = await readBallotPage(page, geometry);
      decodeMs += b - a;
      readMs += performance.now() - b;
      const marked = r.boxes.filter((x) => x.answer !== null && x.fill >= 0.05).map((x) => x.answer);
      if (r.paperId !== p.paperId || marked.length !== 1 || marked[0] !== p.answer) misread++;
    });
    const n = (rounds + 3 / set.length) * set.length;
    // References on the same files: a full-resolution decode, and a whole-page barcode search.
    const fullDecode = format === 'pdf' ? NaN : (await timeEach(set, 1, async (p) => void (await sharp(p.bytes).greyscale().raw().toBuffer()))).cpu;
    const few = set.slice(0, 6);
    const zxingWhole = (await timeEach(few, 1, async (p) => {
      const [page] = await decodeScan(p.bytes, p.mime);
      const rgba = new Uint8ClampedArray(page.image.width * page.image.height * 4);
      for (let i = 0; i < page.image.data.length; i++) {
        rgba.fill(page.image.data[i], i * 4, i * 4 + 3);
        rgba[i * 4 + 3] = 255;
      }
      await readBarcodes({ data: rgba, width: page.image.width, height: page.image.height, colorSpace: 'srgb' }, { formats: ['DataMatrix'], tryHarder: true });
    })).cpu;
    const ref = Number.isNaN(fullDecode) ? '— | —' : `${fullDecode.toFixed(1)} | ${(perPage.cpu / fullDecode).toFixed(2)}`;
    console.log(
      `| ${format} | ${(decodeMs / n).toFixed(1)} | ${(readMs / n).toFixed(1)} | ${(1000 / perPage.wall).toFixed(1)} | **${(1000 / perPage.cpu).toFixed(1)}** | ${ref} | ${zxingWhole.toFixed(0)} | ${misread} |`,
    );
  }
  console.log('');
  const jobs = Array.from({ length: rounds }, () => pages.jpeg).flat();
  const cores = os.cpus().length;
  const counts = [...new Set([1, cores, cores + 1])];
  const rates: number[] = [];
  for (const w of counts) rates.push(await withWorkers(w, geometry, jobs));
  console.log('| worker threads (jpeg) | pages/s | × one worker |');
  console.log('|---|---|---|');
  counts.forEach((w, i) => console.log(`| ${w} | ${rates[i].toFixed(1)} | ${(rates[i] / rates[0]).toFixed(2)} |`));
}
