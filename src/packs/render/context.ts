import { type Doc, type Style } from 'src/packs/render/draw';
import { FONT } from 'src/packs/render/fonts';
import { SIZE } from 'src/packs/render/layout';
import { fill, type PackTemplate } from 'src/packs/render/template';

export interface Styles {
  body: Style;
  bodyBold: Style;
  note: Style;
  small: Style;
  heading: Style;
  subject: Style;
  title: Style;
  orgName: Style;
  address: Style;
  votingId: Style;
  credential: Style;
  label: Style;
  question: Style;
  answer: Style;
  answerBlank: Style;
  instruction: Style;
}

export function stylesFor(t: PackTemplate): Styles {
  const c = t.brand.colours;
  return {
    body: { font: FONT.regular, size: SIZE.body, color: c.text },
    bodyBold: { font: FONT.bold, size: SIZE.body, color: c.text },
    note: { font: FONT.regular, size: SIZE.note, color: c.muted },
    small: { font: FONT.regular, size: SIZE.small, color: c.muted },
    heading: { font: FONT.bold, size: SIZE.heading, color: c.primary },
    subject: { font: FONT.bold, size: SIZE.subject, color: c.primary },
    title: { font: FONT.bold, size: SIZE.title, color: c.primary },
    orgName: { font: FONT.bold, size: SIZE.orgName, color: c.primary },
    address: { font: FONT.regular, size: SIZE.address, color: '#000000' },
    votingId: { font: FONT.mono, size: SIZE.votingId, color: '#000000' },
    credential: { font: FONT.mono, size: SIZE.credential, color: '#000000' },
    label: { font: FONT.bold, size: SIZE.note, color: c.muted },
    question: { font: FONT.bold, size: SIZE.question, color: '#000000' },
    answer: { font: FONT.regular, size: SIZE.answer, color: '#000000' },
    answerBlank: { font: FONT.italic, size: SIZE.answer, color: '#000000' },
    instruction: { font: FONT.italic, size: SIZE.note, color: c.text },
  };
}

/** What every part function receives: the document, the template and the election's placeholder values. */
export interface PartContext {
  doc: Doc;
  template: PackTemplate;
  styles: Styles;
  values: Record<string, string>;
}

export function say(ctx: PartContext, text: string, extra: Record<string, string | number> = {}): string {
  return fill(text, { ...ctx.values, ...extra });
}
