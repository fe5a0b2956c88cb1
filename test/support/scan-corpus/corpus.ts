// A generated corpus of scanned ballot papers with the truth about each: what was drawn, what a
// careful person records, how the scan was degraded. Deterministic for a seed: item i draws from
// its own stream, so a failing item can be regenerated alone and looked at.
import { type Question } from 'src/elections/election.types';
import { choiceProblems, type PaperContent } from 'src/count/paper-content';
import { generatePaperId } from 'src/packs/codes';
import { type BallotGeometry, type GreyImage, type ScanMime } from 'src/scan/read/types';
import { degrade, type DegradeOptions, type ScanFormat } from 'test/support/scan-corpus/degrade';
import { drawFoldShadow, drawMarginSmudge, drawMark, drawStrayDot, PEN_STYLES, type Distractor, type GeometryBox, type MarkStyle } from 'test/support/scan-corpus/marks';
import { Rng } from 'test/support/scan-corpus/prng';
import { cloneImage } from 'test/support/scan-corpus/raster';
import { DEFAULT_QUESTIONS, rasterisePapers } from 'test/support/scan-corpus/render';

export type Category = 'single_mark_clean' | 'single_mark_pencil' | 'faint' | 'two_marks' | 'none' | 'stray_dot' | 'other';

export interface Mark {
  question: number;
  /** Index in the question's answers; null for the question's blank box. */
  answer: number | null;
  style: MarkStyle;
}

export interface Degradation {
  rotationDeg: number;
  scale: number;
  offsetMm: { x: number; y: number };
  blurSigma: number;
  noise: number;
  format: ScanFormat;
  quality?: number;
  colour: boolean;
  background: number;
}

export interface CorpusItem {
  /** e.g. 'c0042-tick-300dpi-jpeg'. */
  id: string;
  bytes: Buffer;
  mime: ScanMime;
  dpi: number;
  paperId: string;
  ballotPage: number;
  /** What was drawn in boxes. */
  marks: Mark[];
  distractors: Distractor[];
  degradation: Degradation;
  /** Per question, per answer (Belenios order, the blank box excluded): 1 where a real mark was drawn. */
  intended: number[][];
  /** What a careful person records. */
  expected: PaperContent;
  category: Category;
}

export interface CorpusOptions {
  seed: number;
  papers: number;
  /** Each item is scanned at one of these, in turn. */
  dpis: number[];
  questions?: Question[];
  /** Paper IDs to print (e.g. an election's, for the API); default: generated from the seed. */
  paperIds?: string[];
  template?: 'en' | 'fr';
}

/** The mix of the issue: mostly clean single marks, and every kind of doubt. */
const CATEGORY_WEIGHTS: Record<Category, number> = {
  single_mark_clean: 55,
  single_mark_pencil: 10,
  faint: 8,
  two_marks: 8,
  none: 7,
  stray_dot: 7,
  other: 5,
};
const FORMAT_WEIGHTS: Record<ScanFormat, number> = { jpeg: 50, png: 25, tiff: 15, pdf: 10 };

/**
 * The corpus, one item per paper, each paper's first ballot page (the questions should fit one
 * ballot page). Rendering is shared: every paper ID is printed and rasterised once.
 */
export async function generateCorpus(opts: CorpusOptions): Promise<CorpusItem[]> {
  const questions = opts.questions ?? DEFAULT_QUESTIONS;
  const ids = opts.paperIds?.slice(0, opts.papers) ?? Array.from({ length: opts.papers }, (_, i) => generatePaperId(Rng.derive(opts.seed, 'paper', i).randomSource()));
  if (ids.length < opts.papers) throw new Error(`generateCorpus: ${opts.papers} papers need as many paper IDs; ${ids.length} given`);
  if (new Set(ids).size !== ids.length) throw new Error('generateCorpus: paper IDs repeat (a repeat is a photocopy: use photocopy())');
  if (!opts.dpis.length) throw new Error('generateCorpus: give at least one dpi');
  const items: CorpusItem[] = new Array<CorpusItem>(opts.papers);
  for (const [k, dpi] of opts.dpis.entries()) {
    const mine = ids.map((_, i) => i).filter((i) => i % opts.dpis.length === k);
    if (!mine.length) continue;
    const papers = rasterisePapers({ questions, paperIds: mine.map((i) => ids[i]), dpi, template: opts.template });
    let n = 0;
    for await (const paper of papers) {
      const i = mine[n++];
      const plan = planPaper(opts.seed, i, questions, paper.geometry);
      items[i] = await makeItem(`c${String(i).padStart(4, '0')}`, paper.pages[0], paper.paperId, dpi, paper.geometry, questions, plan, Rng.derive(opts.seed, 'draw', i));
    }
  }
  return items;
}

/** What will be drawn on one paper and how it will be scanned. */
export interface Plan {
  category: Category;
  marks: Mark[];
  distractors: Distractor[];
  degradation: Degradation;
}

/** Item i's plan, as generateCorpus draws it (cheap: no rendering), for checking the mix. */
export function planPaper(seed: number, i: number, questions: Question[], geometry: BallotGeometry): Plan {
  return planItem(Rng.derive(seed, 'item', i), questions, geometry);
}

function planItem(rng: Rng, questions: Question[], geometry: BallotGeometry): Plan {
  const category = rng.weighted(CATEGORY_WEIGHTS);
  const page = geometry.pages[0];
  const onPage = (q: number): boolean => page.boxes.some((b) => b.question === q);
  const single = (style: () => MarkStyle): Mark[] => questions.map((_, q) => ({ question: q, answer: pickBox(rng, questions[q]), style: style() })).filter((m) => onPage(m.question));
  const pen = (): MarkStyle => rng.pick(PEN_STYLES);
  let marks: Mark[] = [];
  const distractors: Distractor[] = [];
  switch (category) {
    case 'single_mark_clean':
      marks = single(pen);
      break;
    case 'single_mark_pencil':
      marks = single(() => 'pencil');
      break;
    case 'faint':
      marks = single(() => 'faint_pencil');
      break;
    case 'two_marks': {
      // Two answers of the first question; the others as a clean single mark.
      const n = questions[0].answers.length;
      const first = rng.int(n);
      const second = (first + 1 + rng.int(n - 1)) % n;
      marks = [{ question: 0, answer: first, style: pen() }, { question: 0, answer: second, style: pen() }, ...single(pen).filter((m) => m.question !== 0)];
      break;
    }
    case 'none':
      break;
    case 'stray_dot':
      distractors.push('stray_dot');
      break;
    case 'other':
      marks = single(pen);
      distractors.push('stray_dot');
      break;
    default: {
      const never: never = category;
      throw new Error(`unknown category ${String(never)}`);
    }
  }
  if (rng.chance(0.15)) distractors.push('fold_shadow');
  if (rng.chance(0.05)) distractors.push('smudge_outside');
  return { category, marks, distractors, degradation: randomDegradation(rng) };
}

/** An answer box, or (one time in ten, where the question has one) the blank box. */
function pickBox(rng: Rng, q: Question): number | null {
  return q.blank && rng.chance(0.1) ? null : rng.int(q.answers.length);
}

export function randomDegradation(rng: Rng): Degradation {
  const format = rng.weighted(FORMAT_WEIGHTS);
  return {
    rotationDeg: round(rng.range(-3, 3), 2),
    scale: round(rng.range(0.98, 1.02), 4),
    offsetMm: { x: round(rng.range(-4, 4), 2), y: round(rng.range(-4, 4), 2) },
    blurSigma: round(rng.range(0, 1.2), 2),
    noise: round(rng.range(0, 10), 1),
    format,
    ...(format === 'jpeg' || format === 'pdf' ? { quality: 50 + rng.int(46) } : {}),
    colour: rng.chance(0.2),
    background: rng.chance(0.5) ? 255 : 215 + rng.int(21),
  };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function findBox(geometry: BallotGeometry, m: Pick<Mark, 'question' | 'answer'>): GeometryBox {
  const box = geometry.pages[0].boxes.find((b) => b.question === m.question && b.answer === m.answer);
  if (!box) throw new Error(`no box for question ${m.question}, answer ${String(m.answer)} on the first ballot page`);
  return box;
}

async function makeItem(prefix: string, page: GreyImage, paperId: string, dpi: number, geometry: BallotGeometry, questions: Question[], plan: Plan, rng: Rng): Promise<CorpusItem> {
  const img = cloneImage(page);
  const boxes = geometry.pages[0].boxes;
  for (const m of plan.marks) drawMark(img, geometry, dpi, findBox(geometry, m), m.style, rng);
  for (const d of plan.distractors) {
    switch (d) {
      case 'stray_dot':
        drawStrayDot(img, geometry, dpi, rng.pick(boxes), rng);
        break;
      case 'fold_shadow':
        drawFoldShadow(img, geometry, dpi, geometry.pages[0], rng);
        break;
      case 'smudge_outside':
        drawMarginSmudge(img, geometry, dpi, geometry.pages[0], rng);
        break;
      default: {
        const never: never = d;
        throw new Error(`unknown distractor ${String(never)}`);
      }
    }
  }
  const g = plan.degradation;
  const file = await degrade(img, dpi, { ...g, seed: rng.int(0x7fffffff) } satisfies DegradeOptions);
  const styles = [...new Set(plan.marks.map((m) => m.style))].join('+') || plan.distractors.find((d) => d === 'stray_dot') || 'none';
  const intended = intendedOf(questions, plan.marks);
  return {
    id: `${prefix}-${styles}-${dpi}dpi-${g.format}`,
    bytes: file.bytes,
    mime: file.mime,
    dpi,
    paperId,
    ballotPage: 1,
    marks: plan.marks,
    distractors: plan.distractors,
    degradation: g,
    intended,
    expected: expectedContent(questions, plan.marks),
    category: plan.category,
  };
}

export function intendedOf(questions: Question[], marks: Mark[]): number[][] {
  return questions.map((q, qi) => q.answers.map((_, ai) => (marks.some((m) => m.question === qi && m.answer === ai) ? 1 : 0)));
}

/**
 * What a careful person records (src/count/paper-content.ts): blank when no box is marked (a mark
 * in a question's blank box leaves that question without a choice); over_vote / under_vote by
 * the questions' min and max; else the choices.
 */
export function expectedContent(questions: Question[], marks: Mark[]): PaperContent {
  const choices = intendedOf(questions, marks);
  for (const [qi] of questions.entries()) {
    const blankBox = marks.some((m) => m.question === qi && m.answer === null);
    // The blank box and an answer both marked: more than the question allows (as the reader says).
    if (blankBox && choices[qi].some((c) => c === 1)) return { kind: 'invalid', reason: 'over_vote' };
  }
  // A blank paper has no mark at all (docs/COUNT.md); a mark in a question's blank box is a
  // valid paper that leaves that question blank.
  if (marks.length === 0) return { kind: 'blank' };
  const problems = Object.values(choiceProblems(questions, choices)).flat();
  if (problems.some((p) => p.startsWith('at most'))) return { kind: 'invalid', reason: 'over_vote' };
  if (problems.length) return { kind: 'invalid', reason: 'under_vote' };
  return { kind: 'valid', choices };
}

/**
 * The same paper again (same paper ID), marked differently and scanned differently: what a
 * photocopied ballot paper looks like to the count.
 */
export async function photocopy(item: CorpusItem, seed: number, opts: { questions?: Question[]; template?: 'en' | 'fr' } = {}): Promise<CorpusItem> {
  const questions = opts.questions ?? DEFAULT_QUESTIONS;
  for await (const paper of rasterisePapers({ questions, paperIds: [item.paperId], dpi: item.dpi, template: opts.template })) {
    let plan = planItem(Rng.derive(seed, 'photocopy', item.id), questions, paper.geometry);
    // Different marks from the original (a copy made to vote twice is marked for someone).
    for (let k = 1; JSON.stringify(plan.marks) === JSON.stringify(item.marks) || !plan.marks.length; k++) plan = planItem(Rng.derive(seed, 'photocopy', item.id, k), questions, paper.geometry);
    return makeItem(`${item.id.split('-')[0]}-copy`, paper.pages[0], item.paperId, item.dpi, paper.geometry, questions, plan, Rng.derive(seed, 'photocopy-draw', item.id));
  }
  throw new Error('photocopy: nothing rendered');
}
