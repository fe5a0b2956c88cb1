// How the reader fares on a generated corpus (issue 7): per category, papers recorded correctly,
// recorded wrongly (must be none) and sent to a person, with the reasons; per mark style, the
// fills measured. Used by the accuracy test and by `npm run bench -- scan-accuracy`.
import { type PaperContent } from 'src/count/paper-content';
import { type Question } from 'src/elections/election.types';
import { decodeScan, interpretPaper, readBallotPage, type BallotGeometry, type ScanThresholds } from 'src/scan/read';
import { type Category, type CorpusItem } from 'test/support/scan-corpus';

export interface CategoryRow {
  papers: number;
  recordedCorrectly: number;
  recordedWrongly: number;
  adjudicated: number;
  reasons: Record<string, number>;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface Confusion {
  rows: Partial<Record<Category, CategoryRow>>;
  /** Ids of items recorded with content other than their truth, with what was recorded. */
  wrong: Array<{ id: string; recorded: PaperContent | null; expected: PaperContent }>;
  /** Fill and trace per box by what was drawn in it: min, median, max. */
  fills: Record<string, { boxes: number; fill: Spread; trace: Spread }>;
  readMsPerPage: number;
}

export async function assess(items: CorpusItem[], geometry: BallotGeometry, questions: Question[], thresholds: ScanThresholds): Promise<Confusion> {
  const rows: Partial<Record<Category, CategoryRow>> = {};
  const wrong: Confusion['wrong'] = [];
  const fills: Record<string, Array<{ fill: number; trace: number }>> = {};
  let ms = 0;
  for (const item of items) {
    const started = performance.now();
    const [page] = await decodeScan(item.bytes, item.mime);
    const reading = await readBallotPage(page, geometry);
    ms += performance.now() - started;
    const verdict = interpretPaper(questions, geometry, thresholds, [reading]);
    const row = (rows[item.category] ??= { papers: 0, recordedCorrectly: 0, recordedWrongly: 0, adjudicated: 0, reasons: {} });
    row.papers++;
    for (const b of reading.boxes) {
      const drawn = item.marks.find((m) => m.question === b.question && m.answer === b.answer);
      (fills[drawn ? drawn.style : 'no mark'] ??= []).push({ fill: b.fill, trace: b.trace });
    }
    if (verdict.reasons.length > 0) {
      row.adjudicated++;
      for (const r of verdict.reasons) row.reasons[r] = (row.reasons[r] ?? 0) + 1;
    } else if (reading.paperId === item.paperId && JSON.stringify(verdict.proposed) === JSON.stringify(item.expected)) {
      row.recordedCorrectly++;
    } else {
      row.recordedWrongly++;
      wrong.push({ id: item.id, recorded: verdict.proposed, expected: item.expected });
    }
  }
  const spread = (v: number[]): Spread => {
    const s = [...v].sort((a, b) => a - b);
    return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
  };
  const stats = Object.fromEntries(
    Object.entries(fills).map(([k, v]) => [k, { boxes: v.length, fill: spread(v.map((x) => x.fill)), trace: spread(v.map((x) => x.trace)) }]),
  );
  return { rows, wrong, fills: stats, readMsPerPage: ms / items.length };
}

/** The confusion table as Markdown, for the bench's output and docs/SCANNING.md. */
export function confusionTable(c: Confusion): string {
  const lines = ['| category | papers | recorded, correct | recorded, wrong | to a person | reasons |', '|---|---|---|---|---|---|'];
  for (const [cat, r] of Object.entries(c.rows)) {
    const reasons = Object.entries(r.reasons)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(`| ${cat} | ${r.papers} | ${r.recordedCorrectly} | ${r.recordedWrongly} | ${r.adjudicated} (${((r.adjudicated / r.papers) * 100).toFixed(1)} %) | ${reasons} |`);
  }
  lines.push('', '| drawn in the box | boxes | fill min | median | max | trace min | median | max |', '|---|---|---|---|---|---|---|---|');
  const f = (s: Spread): string => `${s.min.toFixed(3)} | ${s.median.toFixed(3)} | ${s.max.toFixed(3)}`;
  for (const [k, s] of Object.entries(c.fills)) lines.push(`| ${k} | ${s.boxes} | ${f(s.fill)} | ${f(s.trace)} |`);
  return lines.join('\n');
}
