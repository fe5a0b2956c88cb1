import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderResultReport } from 'src/results-page/report/result-report';
import { publishedResult } from 'test/support/published-result';

// Read back with poppler (pdftotext, pdfinfo): what a person opening the report sees.
function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer, args: string[] = []): string {
  const file = path.join(os.tmpdir(), `hb-result-report-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}
const text = (pdf: Buffer) => poppler('pdftotext', pdf, ['-layout']);
const GENERATED = new Date('2027-03-15T10:00:00Z');

describe(renderResultReport.name, () => {
  const r = publishedResult();
  let en: Buffer;
  let enText: string;
  beforeAll(async () => {
    en = await renderResultReport(r, 'en', { generatedAt: GENERATED });
    enText = text(en);
  });

  it('is an A4 PDF titled after the election', () => {
    expect(en.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = poppler('pdfinfo', en);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Result — Party leadership ballot 2027/);
  });

  it('prints each answer’s online, postal and total votes and share, and the blank votes where allowed', () => {
    expect(enText).toMatch(/Alice Martin\s+4,210\s+1,873\s+6,083\s+48\.2%/);
    expect(enText).toMatch(/Chloé Dvořák\s+988\s+415\s+1,403\s+11\.1%/);
    expect(enText).toMatch(/Blank vote\s+152\s+61\s+213\s+—/);
    expect(enText).toMatch(/Farid Haddad\s+3,905\s+1,277\s+5,182\s+25\.8%/);
    // Question 2 allows no blank: the only blank row is question 1's.
    expect(enText.match(/Blank vote/g)).toHaveLength(1);
  });

  it('labels each chart bar with its total and share', () => {
    expect(enText).toMatch(/6,083 \(48\.2%\)/);
    expect(enText).toMatch(/7,542 \(37\.5%\)/);
  });

  it('prints turnout, postal papers, refusals by reason, the rule and the record', () => {
    expect(enText).toMatch(/Eligible members: 20,000/);
    expect(enText).toMatch(/Total\s+12,868\s+64\.3%/);
    expect(enText).toMatch(/Invalid\s+38/);
    expect(enText).toMatch(/too many answers marked\s+21/);
    expect(enText).toMatch(/already voted online\s+112/);
    expect(enText).toContain('Online overrides postal');
    expect(enText).toContain(r.record.manifestSha256);
    expect(enText).toContain('npx hybrid-ballot verify record.zip');
    expect(enText).toContain('postal/counted-credentials.txt');
  });

  it('numbers every page and says when it was generated, in the election’s time zone', () => {
    const pages = text(en).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p).toContain('Generated 15 March 2027 at 11:00 (Europe/Paris)');
    });
  });

  it('breaks a long table across pages, repeating its header', async () => {
    const answers = Array.from({ length: 70 }, (_, i) => `Candidate ${i + 1}`);
    const long = publishedResult({
      questions: [{ question: 'Long list', answers, min: 1, max: 1, blank: false }],
      result: { ...r.result, questions: [{ question: 'Long list', answers: answers.map((answer, i) => ({ answer, online: i, postal: 1, total: i + 1 })) }] },
    });
    const pages = text(await renderResultReport(long, 'en', { generatedAt: GENERATED })).split('\f');
    const withCandidates = pages.filter((p) => /Candidate \d+\s/.test(p));
    expect(withCandidates.length).toBeGreaterThan(1);
    expect(withCandidates.filter((p) => /Answer\s+Online\s+Postal\s+Total\s+Share/.test(p)).length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i <= 70; i++) expect(pages.join('')).toMatch(new RegExp(`Candidate ${i}\\s+${i - 1}\\s+1\\s+${i}\\s`));
  });

  it('prints a hostile title as text, and characters the fonts cannot show as "?"', async () => {
    const pdf = await renderResultReport(publishedResult({ title: '<script>alert(1)</script> שלום\u202Eevil' }), 'en', { generatedAt: GENERATED });
    expect(text(pdf)).toContain('<script>alert(1)</script> ?????evil');
  });

  it('speaks French', async () => {
    const fr = text(await renderResultReport(r, 'fr', { generatedAt: GENERATED }));
    expect(fr).toMatch(/Réponse\s+En ligne\s+Par correspondance\s+Total\s+Part/);
    expect(fr).toMatch(/Alice Martin\s+4 210\s+1 873\s+6 083\s+48,2 %/);
    expect(fr).toMatch(/Vote blanc\s+152/);
    expect(fr).toContain('Participation');
    expect(fr).toMatch(/Page 1 sur \d/);
    expect(fr).toContain('Généré le 15 mars 2027 à 11:00 (Europe/Paris)');
  });
});
