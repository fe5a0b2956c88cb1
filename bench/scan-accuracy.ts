// `npm run bench -- scan-accuracy [--papers N] [--seed S]`: the reader on a generated corpus
// (test/support/scan-corpus), as the accuracy test runs it but larger; prints the confusion
// table and the fills per kind of mark for docs/SCANNING.md.
import sharp from 'sharp';
import { DEFAULT_THRESHOLDS } from 'src/scan/read';
import { DEFAULT_QUESTIONS, generateCorpus, renderBallotPapers } from 'test/support/scan-corpus';
import { assess, confusionTable } from 'test/support/scan-confusion';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export async function run(args: string[]): Promise<void> {
  sharp.concurrency(1);
  const papers = option(args, 'papers', 1000);
  const seed = option(args, 'seed', 1);
  const started = performance.now();
  const items = await generateCorpus({ seed, papers, dpis: [200, 300] });
  const { geometry } = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds: [items[0].paperId], dpi: 200 });
  console.log(`${papers} papers (seed ${seed}) generated in ${((performance.now() - started) / 1000).toFixed(0)} s; thresholds ${JSON.stringify(DEFAULT_THRESHOLDS)}`);
  const c = await assess(items, geometry, DEFAULT_QUESTIONS, DEFAULT_THRESHOLDS);
  console.log(confusionTable(c));
  console.log(`\nrecorded wrongly: ${c.wrong.length}${c.wrong.length ? ` — ${c.wrong.map((w) => w.id).join(', ')}` : ''}; reading ${c.readMsPerPage.toFixed(1)} ms per page`);
}
