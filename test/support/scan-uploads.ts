import { type Question } from 'src/elections/election.types';
import { type BallotGeometry, type GreyImage } from 'src/scan/read';
import { degrade, drawMark, mmToPx, renderBallotPapers, Rng, type DegradeOptions, type MarkStyle, type ScanFile } from 'test/support/scan-corpus';
import { cloneImage } from 'test/support/scan-corpus/raster';

export interface BoxMark {
  question: number;
  /** Answer index, or null for the blank box. */
  answer: number | null;
  style?: MarkStyle;
}

/**
 * Real scans of an election's own ballot papers for the API tests: rendered from its packs'
 * layout with its printed paper IDs, marked in the given boxes, then scanned (degraded).
 */
export class ScanMaker {
  private constructor(
    readonly geometry: BallotGeometry,
    private readonly pages: Map<string, GreyImage>,
    readonly dpi: number,
  ) {}

  static async forPapers(questions: Question[], paperIds: string[], dpi = 200): Promise<ScanMaker> {
    const rendered = await renderBallotPapers({ questions, paperIds, dpi });
    return new ScanMaker(rendered.geometry, new Map(rendered.papers.map((p) => [p.paperId, p.pages[0]])), dpi);
  }

  /** The paper's first ballot page with these marks, before scanning. */
  marked(paperId: string, marks: BoxMark[], seed = 1): GreyImage {
    const page = this.pages.get(paperId);
    if (!page) throw new Error('ScanMaker: this paper ID was not rendered');
    const img = cloneImage(page);
    const rng = new Rng(seed);
    for (const m of marks) {
      const box = this.geometry.pages[0].boxes.find((b) => b.question === m.question && b.answer === m.answer);
      if (!box) throw new Error(`ScanMaker: no box for question ${m.question}, answer ${String(m.answer)}`);
      drawMark(img, this.geometry, this.dpi, box, m.style ?? 'cross', rng);
    }
    return img;
  }

  /** Paints the paper barcode out (torn, or covered by a sticker). */
  withoutBarcode(img: GreyImage): GreyImage {
    const b = this.geometry.pages[0].barcode;
    const from = mmToPx(this.geometry, this.dpi, b.x - 2, b.y - 2);
    const to = mmToPx(this.geometry, this.dpi, b.x + b.width + 2, b.y + b.height + 2);
    for (let y = Math.max(0, Math.floor(from.y)); y < Math.min(img.height, Math.ceil(to.y)); y++) {
      img.data.fill(255, y * img.width + Math.max(0, Math.floor(from.x)), y * img.width + Math.min(img.width, Math.ceil(to.x)));
    }
    return img;
  }

  scan(img: GreyImage, opts: DegradeOptions = {}): Promise<ScanFile> {
    return degrade(img, this.dpi, { rotationDeg: 0.7, noise: 3, format: 'png', seed: 3, ...opts });
  }

  /** A clean scan of the paper with these marks. */
  async paper(paperId: string, marks: BoxMark[], opts: DegradeOptions = {}): Promise<ScanFile> {
    return this.scan(this.marked(paperId, marks), opts);
  }
}
