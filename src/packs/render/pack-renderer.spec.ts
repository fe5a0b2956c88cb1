import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { formatVotingId, generatePaperId, generateVotingId, makeIdentityCode, parseIdentityCode } from 'src/packs/codes';
import { loadTemplate, PackInputError, PackRenderer, TemplateError, TEMPLATES_DIR, type ElectionPrintInfo, type PackPrintInput } from 'src/packs/render';
import { BALLOT, CONTENT_WIDTH_MM, MARGIN } from 'src/packs/render/layout';
import { mm } from 'src/packs/render/units';
import { encodeQr } from 'src/packs/render/qr';
import { matrixPng, readBarcodeTexts, readSymbols } from 'test/support/barcode-reader';
import { type Question } from 'src/elections/election.types';

const DPI = 150;
const MAC_KEY = new Uint8Array(32).fill(3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'packs-spec-'));

function election(questions: Question[]): ElectionPrintInfo {
  return {
    electionId: 'Xy7Kq2mN9pRsTu',
    title: 'Leadership election 2027',
    publicUrl: 'https://vote.example.org',
    questions,
    onlineClosesAt: '2027-03-14T17:00:00Z',
    postalDeadline: '2027-03-12T17:00:00Z',
    timeZone: 'Europe/Paris',
  };
}

function question(answers: number, text = 'Who should lead the party?'): Question {
  return { question: text, answers: Array.from({ length: answers }, (_, i) => `Candidate ${String.fromCharCode(65 + i)} Example`), min: 1, max: 1, blank: true };
}

function pack(overrides: Partial<PackPrintInput> = {}): PackPrintInput {
  const packSerial = overrides.packSerial ?? 1234;
  return {
    packSerial,
    memberName: 'Jeanne Dupont-Lefèvre',
    addressLines: ['17 rue des Lilas', '69003 Lyon', 'FRANCE'],
    votingId: generateVotingId(),
    credential: '3Kq7ZbW9xT2mPfR8sNvL4c',
    identityCode: makeIdentityCode({ electionCode: 'EK01', packSerial }, MAC_KEY),
    paperId: generatePaperId(),
    ...overrides,
  };
}

function writePdf(name: string, bytes: Buffer): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

function pagePng(pdf: string, page: number): Buffer {
  const prefix = path.join(tmp, `${path.basename(pdf, '.pdf')}-p${page}`);
  execFileSync('pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, prefix]);
  return fs.readFileSync(`${prefix}.png`);
}

const pdftotext = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-']).toString();

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe(PackRenderer.name, () => {
  const en = loadTemplate('default', 'en');
  const fr = loadTemplate('default', 'fr');

  describe('an English pack with one question of 5 answers', () => {
    const renderer = PackRenderer.create(election([question(5)]), en);
    const p = pack();
    let pdf: string;
    let bytes: Buffer;
    beforeAll(async () => {
      bytes = await renderer.renderPack(p);
      pdf = writePdf('en', bytes);
    });

    it('has a letter, a return slip and one ballot page', () => {
      expect(renderer.pagesPerPack).toBe(3);
      expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+3/);
    });

    it('shows the member name and the grouped Voting ID as text', () => {
      const text = pdftotext(pdf);
      expect(text).toContain('Jeanne Dupont-Lefèvre');
      expect(text).toContain(formatVotingId(p.votingId));
      expect(text).toContain(p.credential);
    });

    it('prints a QR code that opens the voting page with both codes in the fragment', async () => {
      expect(await readBarcodeTexts(pagePng(pdf, 1), 'QRCode')).toEqual([`https://vote.example.org/vote/Xy7Kq2mN9pRsTu#vid=${p.votingId}&cred=${p.credential}`]);
    });

    it('prints a return-slip barcode that parses back to the pack serial', async () => {
      const [code] = await readBarcodeTexts(pagePng(pdf, 2), 'Code128');
      expect(code).toBe(p.identityCode);
      expect(parseIdentityCode(code, () => MAC_KEY)).toEqual({ electionCode: 'EK01', packSerial: p.packSerial });
    });

    it('prints the paper ID in the ballot DataMatrix', async () => {
      expect(await readBarcodeTexts(pagePng(pdf, 3), 'DataMatrix')).toEqual([p.paperId]);
    });

    it('draws the answer boxes and registration marks where the geometry says', () => {
      const png = PNG.sync.read(pagePng(pdf, 3));
      const px = (xMm: number, yMm: number): number => {
        const x = Math.round((xMm / 25.4) * DPI);
        const y = Math.round((yMm / 25.4) * DPI);
        return png.data[(y * png.width + x) * 4];
      };
      const g = renderer.geometry;
      const o = g.page.topLeftMarkCentre;
      const page = g.pages[0];
      for (const m of Object.values(page.marks)) expect(px(o.x + m.x, o.y + m.y)).toBeLessThan(60);
      expect(page.boxes).toHaveLength(6);
      expect(page.boxes.map((b) => b.answer)).toEqual([0, 1, 2, 3, 4, null]);
      for (const b of page.boxes) {
        const left = o.x + b.x;
        const top = o.y + b.y;
        expect(px(left + b.width / 2, top + b.height / 2)).toBeGreaterThan(200); // inside: white
        expect(px(left, top + b.height / 2)).toBeLessThan(128); // left edge: ink
        expect(px(left + b.width, top + b.height / 2)).toBeLessThan(128); // right edge: ink
        expect(px(left + b.width / 2, top)).toBeLessThan(128); // top edge
        expect(px(left + b.width / 2, top + b.height + 1.5)).toBeGreaterThan(200); // below: white
      }
    });

    it('renders the same bytes for the same input, and different bytes for another pack', async () => {
      expect((await renderer.renderPack(p)).equals(bytes)).toBe(true);
      const again = PackRenderer.create(election([question(5)]), en);
      expect((await again.renderPack(p)).equals(bytes)).toBe(true);
      expect((await renderer.renderPack(pack({ votingId: generateVotingId() }))).equals(bytes)).toBe(false);
    });
  });

  it('renders French and flows 2 questions of 12 answers onto two ballot pages, each with its barcode', async () => {
    const renderer = PackRenderer.create(election([question(12), question(12, 'Who should be deputy leader?')]), fr);
    const p = pack();
    const pdf = writePdf('fr-2x12', await renderer.renderPack(p));
    expect(renderer.pagesPerPack).toBe(4);
    const text = pdftotext(pdf);
    expect(text).toContain('Bulletin de vote');
    expect(text).toContain('(suite)');
    expect(text).toContain('Jeanne Dupont-Lefèvre');
    const g = renderer.geometry;
    expect(g.pages).toHaveLength(2);
    const boxes = g.pages.flatMap((pg) => pg.boxes);
    expect(boxes).toHaveLength(26);
    expect(boxes.map((b) => [b.question, b.answer])).toEqual([0, 1].flatMap((q) => [...Array.from({ length: 12 }, (_, a) => [q, a]), [q, null]]));
    for (const pg of g.pages) for (const b of pg.boxes) expect(b.y + g.page.topLeftMarkCentre.y + b.height).toBeLessThan(BALLOT.bodyBottomMm);
    expect(await readBarcodeTexts(pagePng(pdf, 3), 'DataMatrix')).toEqual([p.paperId]);
    expect(await readBarcodeTexts(pagePng(pdf, 4), 'DataMatrix')).toEqual([`${p.paperId}/2`]);
    expect(g.pages[1].barcodeText).toBe('{paperId}/2');
  });

  it('wraps a caption too wide for its column (the French QR caption) onto two lines inside the codes box', async () => {
    const pdf = writePdf('fr-caption', await PackRenderer.create(election([question(3)]), fr).renderPack(pack()));
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']).toString();
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ yMin: Number(m[2]), xMax: Number(m[3]), text: m[4] }));
    const caption = fr.text.letter.qrCaption.split(' ');
    const start = words.findIndex((w, i) => caption.every((c, k) => words[i + k]?.text === c));
    expect(start).toBeGreaterThanOrEqual(0);
    const printed = words.slice(start, start + caption.length);
    expect(new Set(printed.map((w) => w.yMin)).size).toBe(2);
    for (const w of printed) expect(w.xMax).toBeLessThanOrEqual(mm(MARGIN.leftMm + CONTENT_WIDTH_MM));
  });

  it('keeps 2 and 12 answers of one question on one ballot page', () => {
    for (const n of [2, 12]) {
      const r = PackRenderer.create(election([question(n)]), en);
      expect(r.geometry.pages).toHaveLength(1);
      expect(r.geometry.pages[0].boxes).toHaveLength(n + 1);
    }
  });

  it('writes a batch as one PDF with page ranges, and nothing in the result ties a paper ID to a pack', async () => {
    const renderer = PackRenderer.create(election([question(3)]), en);
    const packs = [pack({ packSerial: 1 }), pack({ packSerial: 2 }), pack({ packSerial: 3 })];
    const file = path.join(tmp, 'batch.pdf');
    const result = await renderer.renderBatch(packs, fs.createWriteStream(file));
    expect(result).toEqual({
      pages: 9,
      packs: [
        { packSerial: 1, firstPage: 1, lastPage: 3 },
        { packSerial: 2, firstPage: 4, lastPage: 6 },
        { packSerial: 3, firstPage: 7, lastPage: 9 },
      ],
    });
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+9/);
    const kept = JSON.stringify([result, renderer.geometry]);
    for (const p of packs) expect(kept).not.toContain(p.paperId);
  });

  it('refuses bad pack inputs before drawing, naming the pack and field', async () => {
    const renderer = PackRenderer.create(election([question(3)]), en);
    const sink = (): PassThrough => new PassThrough();
    await expect(renderer.renderBatch([pack(), pack({ packSerial: 9, credential: 'short' })], sink())).rejects.toThrow(/pack 9: credential/);
    await expect(renderer.renderPack(pack({ packSerial: 8, memberName: 'Łukasz 王' }))).rejects.toThrow(PackInputError);
    await expect(renderer.renderPack(pack({ packSerial: 7, identityCode: 'EK01' }))).rejects.toThrow(/pack 7: identityCode/);
    await expect(renderer.renderPack(pack({ packSerial: 6, addressLines: ['1', '2', '3', '4', '5', '6'] }))).rejects.toThrow(/addressLines/);
    await expect(renderer.renderBatch([pack({ packSerial: 5 }), pack({ packSerial: 5 })], sink())).rejects.toThrow(/appears twice/);
  });

  describe('names and addresses beyond Windows-1252 (members abroad)', () => {
    const names = ['Łukasz Żółć', 'Antonín Dvořák', 'Σωκράτης Παπαδόπουλος', 'Пётр Ильич Чайковский', 'Nguyễn Thị Minh Khai'];
    const addresses = [
      ['ul. Świętokrzyska 31/33', '00-049 Warszawa', 'POLSKA'],
      ['Náměstí Míru 12', '120 00 Praha 2', 'ČESKÁ REPUBLIKA'],
      ['Οδός Ερμού 25', '105 63 Αθήνα', 'ΕΛΛΑΔΑ'],
      ['ул. Тверская, д. 7, кв. 12', '125009 Москва', 'РОССИЯ'],
      ['12 Đường Lê Lợi', 'Quận 1, TP. Hồ Chí Minh', 'VIỆT NAM'],
    ];
    const renderer = PackRenderer.create({ ...election([{ ...question(2), answers: ['Łukasz Żółć', 'Пётр Чайковский'] }]), title: 'Wybory 2027 · Εκλογές · Выборы' }, en);
    const packs = names.map((memberName, i) => pack({ packSerial: 100 + i, memberName, addressLines: addresses[i] }));
    let file: string;
    let bytes: Buffer;
    beforeAll(async () => {
      file = path.join(tmp, 'unicode-batch.pdf');
      await renderer.renderBatch(packs, fs.createWriteStream(file));
      bytes = fs.readFileSync(file);
    });

    it('prints them as text (embedded Unicode fonts), with the letter, slip and ballot of each', () => {
      const text = pdftotext(file);
      for (const p of packs) {
        expect(text).toContain(p.memberName);
        for (const line of p.addressLines) expect(text).toContain(line);
      }
      expect(text).toContain('Wybory 2027 · Εκλογές · Выборы');
      expect(text).toContain('Пётр Чайковский');
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(new RegExp(`Pages:\\s+${3 * packs.length}\\b`));
    });

    it('embeds each font once per batch, as a subset', () => {
      const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Liberation\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      expect(new Set(fonts.map((f) => f.split(/\s+/)[0])).size).toBe(fonts.length);
    });

    it('renders the same bytes for the same input', async () => {
      const again = path.join(tmp, 'unicode-batch-again.pdf');
      await PackRenderer.create({ ...election([{ ...question(2), answers: ['Łukasz Żółć', 'Пётр Чайковский'] }]), title: 'Wybory 2027 · Εκλογές · Выборы' }, en).renderBatch(packs, fs.createWriteStream(again));
      expect(fs.readFileSync(again).equals(bytes)).toBe(true);
    });

    it('prints a name typed with combining accents as the precomposed letters', async () => {
      const decomposed = 'Nguyễn Thị'.normalize('NFD');
      expect(decomposed).not.toBe('Nguyễn Thị');
      const pdf = writePdf('nfd', await renderer.renderPack(pack({ memberName: decomposed })));
      expect(pdftotext(pdf)).toContain('Nguyễn Thị');
    });

    it('refuses, before drawing, what the fonts cannot print, naming the pack, the field and the characters', async () => {
      await expect(renderer.renderPack(pack({ packSerial: 8, memberName: 'Łukasz 王' }))).rejects.toThrow('pack 8: memberName: has characters the pack fonts cannot print: "王" (U+738B) (the fonts cover Latin, Greek and Cyrillic)');
      await expect(renderer.renderPack(pack({ packSerial: 9, addressLines: ['東京都千代田区', 'JAPAN'] }))).rejects.toThrow(/pack 9: addressLines\[0\]: .*"東" \(U\+6771\)/);
      // Liberation has Hebrew glyphs, but pdfkit would lay right-to-left text out backwards.
      await expect(renderer.renderPack(pack({ packSerial: 10, memberName: 'דוד כהן' }))).rejects.toThrow(/pack 10: memberName: .*"ד" \(U\+05D3\)/);
      // A bidi override would make viewers show the name reversed; it prints as nothing.
      await expect(renderer.renderPack(pack({ packSerial: 11, memberName: 'Anna \u202Eabc' }))).rejects.toThrow('pack 11: memberName: has characters the pack fonts cannot print: (U+202E)');
    });

    it('refuses election texts the fonts cannot print, naming the characters', () => {
      expect(() => PackRenderer.create({ ...election([question(2)]), title: '2027 年选举' }, en)).toThrow(/cannot print: "年" \(U\+5E74\), "选" \(U\+9009\), "举" \(U\+4E3E\)/);
    });
  });

  it('refuses an answer too long for the ballot paper', () => {
    const q = { ...question(2), answers: ['A'.repeat(120), 'B'] };
    expect(() => PackRenderer.create(election([q]), en)).toThrow(/answer 1 of question 1 is too long/);
  });
});

describe('templates', () => {
  function copyTemplate(edit: (text: Record<string, Record<string, unknown>>) => void): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'tpl-'));
    fs.cpSync(path.join(TEMPLATES_DIR, 'default'), path.join(dir, 'default'), { recursive: true });
    const file = path.join(dir, 'default', 'en.json');
    const text = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    edit(text);
    fs.writeFileSync(file, JSON.stringify(text));
    return dir;
  }

  it('load for English and French', () => {
    expect(loadTemplate('default', 'en').text.ballot.title).toBe('Ballot paper');
    expect(loadTemplate('default', 'fr').text.ballot.title).toBe('Bulletin de vote');
  });

  it('name the file and the missing key', () => {
    const dir = copyTemplate((t) => delete t.letter.salutation);
    expect(() => loadTemplate('default', 'en', dir)).toThrow(TemplateError);
    expect(() => loadTemplate('default', 'en', dir)).toThrow(/en\.json: missing key "letter\.salutation"/);
  });

  it('refuse an unknown key, a placeholder not available there, and a missing language', () => {
    expect(() => loadTemplate('default', 'en', copyTemplate((t) => (t.letter.salutatoin = 'x')))).toThrow(/unknown key.*letter\.salutatoin/);
    expect(() => loadTemplate('default', 'en', copyTemplate((t) => (t.letter.intro = 'Dear {memberName}')))).toThrow(/"letter\.intro" uses the placeholder \{memberName\}/);
    expect(() => loadTemplate('default', 'de')).toThrow(/de\.json: cannot read/);
  });
});

describe('QR encoder', () => {
  it('encodes texts of every version 1–10 so that ZXing reads them back without correcting an error', async () => {
    const versions = new Set<number>();
    // Lengths just under each version's byte capacity at level M (14, 26, 42, 62, … 213).
    for (const len of [10, 20, 40, 60, 80, 100, 120, 150, 175, 210]) {
      const text = ('https://vote.example.org/#' + 'x7Kq'.repeat(60)).slice(0, len);
      const m = encodeQr(text);
      const version = (m.cols - 17) / 4;
      versions.add(version);
      const read = await readSymbols(matrixPng(m), 'QRCode');
      expect({ len, read }).toEqual({ len, read: [{ text, version: String(version), unusedErrorCorrection: 1 }] });
    }
    expect([...versions]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
