import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADJUDICATION_ASSETS_DIR, PAGE_HTML } from 'src/adjudication-page/page-assets';
import type { ScanPage } from 'src/adjudication-page/assets/api.js';
import { en, fr, invalidReasonLabels, messages, reasonSentences, translate } from 'src/adjudication-page/assets/messages.js';
import { boxRows, decisionBody, initialDecision, needsPaperId, PAPERLESS_REASONS, percent, proposalText, questionLegend, reasonTexts, refusalText, splitQueue } from 'src/adjudication-page/assets/view.js';
import { INVALID_REASONS, PAPERLESS_REASONS as SERVER_PAPERLESS } from 'src/count/paper-content';
import { loadAssets, loadPageTemplate } from 'src/intake-page/page-assets';
import { PAGE_LANGUAGES } from 'src/intake-page/page-language';
import { type AdjudicationReason } from 'src/scan/read';

// The adjudication page's words and decisions, without a browser: test/http/adjudication-page.spec.ts
// then checks they are wired to the page.

// Every AdjudicationReason, listed here so that a new code breaks this test until it is said in
// words (the `satisfies` makes a code that no longer exists a compile error).
const ALL_REASONS = [
  'registration_not_found',
  'barcode_unreadable',
  'barcode_not_a_paper_id',
  'ballot_page_unknown',
  'upside_down',
  'sideways',
  'marginal_mark',
  'over_vote',
  'under_vote',
  'paper_not_printed',
  'paper_already_used',
  'ballot_page_already_read',
] as const satisfies readonly AdjudicationReason[];
type Missing = Exclude<AdjudicationReason, (typeof ALL_REASONS)[number]>;
const noneMissing: Missing[] = [];

const QUESTIONS = [
  { question: 'Who should chair?', answers: ['Alice Martin', 'Bruno Petit', 'Chloé Durand', 'David Moreau'], min: 1, max: 1, blank: true },
];

function page(over: Partial<ScanPage> = {}): ScanPage {
  return {
    pageId: 'p1',
    batchId: 'b1',
    status: 'adjudication',
    reasons: ['marginal_mark'],
    thresholds: { emptyBelow: 0.02, markedFrom: 0.05 },
    proposed: { kind: 'valid', choices: [[0, 1, 0, 0]] },
    reading: { failure: null, orientation: 0 },
    boxes: [
      { question: 0, answer: null, label: 'blank', fill: 0.004, trace: 0.01, verdict: 'empty' },
      { question: 0, answer: 1, label: 'Bruno Petit', fill: 0.183, trace: 0.4, verdict: 'marked' },
      { question: 0, answer: 0, label: 'Alice Martin', fill: 0.031, trace: 0.2, verdict: 'marginal' },
    ],
    links: { self: '', image: '', decision: '' },
    ...over,
  };
}

describe('adjudication page files', () => {
  it('serves its scripts and style sheet, and nothing else of the folder', () => {
    const names = [...loadAssets(ADJUDICATION_ASSETS_DIR).keys()].sort();
    expect(names).toEqual(['adjudication.css', 'adjudication.js', 'api.js', 'messages.js', 'view.js']);
  });

  it('loads only files that exist: every import of a script names a served file', () => {
    const assets = loadAssets(ADJUDICATION_ASSETS_DIR);
    for (const [name, asset] of assets) {
      for (const m of asset.body.toString('utf8').matchAll(/^import [^;]* from '\.\/([^']+)';$/gm)) {
        expect({ in: name, file: m[1], served: assets.has(m[1]) }).toEqual({ in: name, file: m[1], served: true });
      }
    }
  });

  it('sets <html lang>, and has no inline script, style or event handler (the CSP would block them)', () => {
    expect(loadPageTemplate(ADJUDICATION_ASSETS_DIR, PAGE_HTML)('fr')).toContain('<html lang="fr">');
    const html = fs.readFileSync(path.join(ADJUDICATION_ASSETS_DIR, PAGE_HTML), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('labels every form control of the page', () => {
    const html = fs.readFileSync(path.join(ADJUDICATION_ASSETS_DIR, PAGE_HTML), 'utf8');
    const ids = [...html.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(8);
    expect(ids.filter((id) => !html.includes(`for="${id}"`))).toEqual([]);
  });
});

describe('adjudication page dictionary', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has a table for each language the server chooses, every key in both with the same placeholders', () => {
    expect(Object.keys(messages).sort()).toEqual([...PAGE_LANGUAGES].sort());
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, fr: placeholders(fr[key]) }).toEqual({ key, fr: placeholders(en[key]) });
    }
  });

  it('knows every data-i18n key of the page', () => {
    const html = fs.readFileSync(path.join(ADJUDICATION_ASSETS_DIR, PAGE_HTML), 'utf8');
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it('says every adjudication reason as a sentence, in English and French', () => {
    expect(noneMissing).toEqual([]);
    for (const lang of PAGE_LANGUAGES) expect(Object.keys(reasonSentences[lang]).sort()).toEqual([...ALL_REASONS].sort());
    expect(reasonTexts(['over_vote', 'upside_down'], 'fr')).toEqual([
      'Plus de réponses sont cochées que la question n’en permet.',
      'La page a été passée à l’envers. Elle a été lue quand même : vérifiez la lecture.',
    ]);
    // A code newer than the page is shown as it is, not dropped.
    expect(reasonTexts(['something_new'], 'en')).toEqual(['something_new']);
  });

  it('names every invalid reason of keyed entry, and knows which go without a paper ID', () => {
    for (const lang of PAGE_LANGUAGES) expect(Object.keys(invalidReasonLabels[lang])).toEqual([...INVALID_REASONS]);
    expect([...PAPERLESS_REASONS].sort()).toEqual([...SERVER_PAPERLESS].sort());
  });
});

describe('what the page shows of a reading', () => {
  it('lists the boxes in the paper’s order with ink and trace in per cent and the verdict in words', () => {
    expect(boxRows(page(), QUESTIONS, 'en')).toEqual([
      { question: 'Who should chair?', answer: 'Alice Martin', fill: '3.1 %', trace: '20 %', verdict: 'marginal', verdictText: 'unsure' },
      { question: 'Who should chair?', answer: 'Bruno Petit', fill: '18 %', trace: '40 %', verdict: 'marked', verdictText: 'marked' },
      { question: 'Who should chair?', answer: 'Blank vote box', fill: '0.4 %', trace: '1.0 %', verdict: 'empty', verdictText: 'empty' },
    ]);
    expect(percent(0.031, 'fr')).toBe('3,1 %');
  });

  it('says the machine’s proposal in words', () => {
    expect(proposalText({ kind: 'valid', choices: [[0, 1, 0, 0]] }, QUESTIONS, 'en')).toBe('The machine proposes: Bruno Petit');
    expect(proposalText({ kind: 'valid', choices: [[0, 0, 0, 0]] }, QUESTIONS, 'fr')).toBe('La machine propose : aucune réponse');
    expect(proposalText({ kind: 'invalid', reason: 'over_vote' }, QUESTIONS, 'en')).toBe('The machine proposes: an invalid paper (too many answers marked)');
    expect(proposalText(null, QUESTIONS, 'en')).toBe('The machine proposes: nothing (it could not read the page)');
  });

  it('says how many answers each question takes', () => {
    expect(questionLegend(QUESTIONS[0], 'en')).toBe('Who should chair? (choose at most 1)');
    expect(questionLegend({ ...QUESTIONS[0], blank: false }, 'fr')).toBe('Who should chair? (1 choix)');
    expect(questionLegend({ ...QUESTIONS[0], blank: false, max: 3 }, 'en')).toBe('Who should chair? (choose 1 to 3)');
  });

  it('fills the form with the proposal; for an over-vote, the invalid reason and the marked boxes ticked', () => {
    expect(initialDecision(page(), QUESTIONS)).toEqual({ outcome: 'choices', choices: [[0, 1, 0, 0]], reason: '' });
    const over = page({
      reasons: ['over_vote'],
      proposed: { kind: 'invalid', reason: 'over_vote' },
      boxes: [0, 1, 2, 3].map((a) => ({ question: 0, answer: a, label: '', fill: a % 2 ? 0.01 : 0.2, trace: 0, verdict: a % 2 ? 'empty' : 'marked' })),
    });
    expect(initialDecision(over, QUESTIONS)).toEqual({ outcome: 'invalid', choices: [[1, 0, 1, 0]], reason: 'over_vote' });
    expect(initialDecision(page({ proposed: null, boxes: [] }), QUESTIONS)).toEqual({ outcome: 'choices', choices: [[0, 0, 0, 0]], reason: '' });
  });

  it('asks for the printed paper ID only when the machine could not read the page', () => {
    expect(needsPaperId(page())).toBe(false);
    expect(needsPaperId(page({ reading: { failure: 'barcode_unreadable', orientation: 0 } }))).toBe(true);
  });

  it('sends only the pages a person must decide, counting those waiting for their paper’s other pages', () => {
    const q = splitQueue([page({ pageId: 'a' }), page({ pageId: 'b', status: 'waiting_for_pages' }), page({ pageId: 'c' })]);
    expect({ toDecide: q.toDecide.map((p) => p.pageId), waiting: q.waiting }).toEqual({ toDecide: ['a', 'c'], waiting: 1 });
  });
});

describe(decisionBody.name, () => {
  const form = { outcome: 'choices' as const, choices: [[0, 1, 0, 0]], reason: '', note: '  faint tick on Bruno  ', paperId: '' };

  it('refuses a decision without a reason written down', () => {
    expect(decisionBody({ ...form, note: '  ok ' }, false)).toEqual({ problem: 'noteMissing' });
  });

  it('builds each kind of decision as the API takes it', () => {
    expect(decisionBody(form, false)).toEqual({ body: { choices: [[0, 1, 0, 0]], note: 'faint tick on Bruno' } });
    expect(decisionBody({ ...form, outcome: 'blank' }, false)).toEqual({ body: { blank: true, note: 'faint tick on Bruno' } });
    expect(decisionBody({ ...form, outcome: 'invalid', reason: 'over_vote' }, false)).toEqual({ body: { invalid: true, reason: 'over_vote', note: 'faint tick on Bruno' } });
    expect(decisionBody({ ...form, outcome: 'discard' }, false)).toEqual({ body: { discard: true, note: 'faint tick on Bruno' } });
  });

  it('sends the typed paper ID only where one is asked for and taken', () => {
    const typed = { ...form, paperId: ' abcdefg-hjkmnp0 ' };
    expect(decisionBody(typed, true)).toEqual({ body: { choices: [[0, 1, 0, 0]], note: 'faint tick on Bruno', paperId: 'ABCDEFG-HJKMNP0' } });
    expect(decisionBody(typed, false)).toEqual({ body: { choices: [[0, 1, 0, 0]], note: 'faint tick on Bruno' } });
    expect(decisionBody({ ...typed, outcome: 'discard' }, true)).toEqual({ body: { discard: true, note: 'faint tick on Bruno' } });
    expect(decisionBody({ ...typed, outcome: 'invalid', reason: 'paper_missing_barcode' }, true)).toEqual({
      body: { invalid: true, reason: 'paper_missing_barcode', note: 'faint tick on Bruno' },
    });
  });
});

describe(refusalText.name, () => {
  it('explains the API’s refusals in the page’s language, and reloads when the page changed under us', () => {
    expect(refusalText({ status: 409, code: 'paper_already_used', message: 'x' }, 'en')).toEqual({ text: en.err_paper_already_used, reload: false });
    expect(refusalText({ status: 409, code: 'scan_page_settled', message: 'x' }, 'fr')).toEqual({ text: fr.err_scan_page_settled, reload: true });
    expect(refusalText({ status: 403, code: 'forbidden', message: 'x' }, 'en')).toEqual({ text: en.err_forbidden, reload: false });
    expect(refusalText({ status: 400, code: 'validation_failed', message: 'note must not be blank' }, 'en').text).toBe('The decision was refused: note must not be blank');
    expect(translate('de', 'submit')).toBe('Record the decision');
  });
});
