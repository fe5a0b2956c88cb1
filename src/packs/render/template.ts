// Pack templates (templates/<name>/{brand.json, <lang>.json, logo}): everything an organisation
// may change without code. Schema documented in templates/README.md; validated at load so a
// missing or misspelt key stops the job with the file and key named, before any page is drawn.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

const text = z.string().min(1);
const steps = z.array(text).min(1).max(6);
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour is "#RRGGBB"');

export const BrandSchema = z.strictObject({
  organisationName: text,
  senderLines: z.array(text).max(5),
  returnAddressLine: text,
  logo: text,
  colours: z.strictObject({ primary: colour, accent: colour, text: colour, muted: colour, panel: colour }),
  addressWindow: z.strictObject({
    leftMm: z.number().min(10).max(120),
    topMm: z.number().min(20).max(60),
    widthMm: z.number().min(70).max(100),
    heightMm: z.number().min(35).max(50),
    returnZoneMm: z.number().min(0).max(20),
  }),
});

export const TextSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  letter: z.strictObject({
    referenceLabel: text,
    subject: text,
    salutation: text,
    intro: text,
    codesHeading: text,
    votingIdLabel: text,
    credentialLabel: text,
    codesNote: text,
    qrCaption: text,
    onlineHeading: text,
    onlineSteps: steps,
    postalHeading: text,
    postalSteps: steps,
    closing: text,
    signature: text,
  }),
  slip: z.strictObject({
    title: text,
    subtitle: text,
    declaration: text,
    nameLabel: text,
    signatureLabel: text,
    dateLabel: text,
    codeLabel: text,
    returnHeading: text,
    returnSteps: steps,
  }),
  email: z.strictObject({
    subject: text,
    salutation: text,
    intro: text,
    votingIdLabel: text,
    credentialLabel: text,
    linkIntro: text,
    steps,
    codesNote: text,
    signature: text,
  }),
  ballot: z.strictObject({
    title: text,
    markInstruction: text,
    chooseExactly: text,
    chooseOne: text,
    chooseUpTo: text,
    chooseRange: text,
    blankLabel: text,
    continued: text,
    pageOf: text,
    footer: text,
  }),
});

export type Brand = z.infer<typeof BrandSchema>;
export type TemplateText = z.infer<typeof TextSchema>;

export interface PackTemplate {
  name: string;
  brand: Brand;
  text: TemplateText;
  /** Absolute path of the logo (PNG or JPEG; pdfkit embeds it once per PDF). */
  logoPath: string;
}

/** Placeholders filled once per election; every text may use them. */
export const ELECTION_PLACEHOLDERS = ['electionTitle', 'organisationName', 'votingUrl', 'deadline', 'onlineCloses'] as const;
// Keys whose text also takes placeholders of their own. Per-member text is limited to the one-line
// salutation so the rest of the letter is laid out once per election (and drawn once per PDF).
const EXTRA_PLACEHOLDERS: Record<string, readonly string[]> = {
  'letter.salutation': ['memberName'],
  'email.salutation': ['memberName'],
  'ballot.chooseExactly': ['max'],
  'ballot.chooseUpTo': ['max'],
  'ballot.chooseRange': ['min', 'max'],
  'ballot.pageOf': ['page', 'pages'],
};

export class TemplateError extends Error {
  override name = 'TemplateError';
}

// The repository's templates/ folder, from src/packs/render or dist/src/packs/render.
export const TEMPLATES_DIR = [path.resolve(__dirname, '../../../templates'), path.resolve(__dirname, '../../../../templates')].find((d) =>
  fs.existsSync(path.join(d, 'default', 'brand.json')),
) ?? path.resolve('templates');

function readJson(file: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TemplateError(`${file}: cannot read the file`);
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new TemplateError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => {
    const key = i.path.join('.');
    if (i.code === 'invalid_type' && i.input === undefined) return `missing key "${key}"`;
    if (i.code === 'unrecognized_keys') return `unknown key(s) ${i.keys.map((k) => `"${[key, k].filter(Boolean).join('.')}"`).join(', ')}`;
    return `"${key}": ${i.message}`;
  });
  throw new TemplateError(`${file}: ${problems.join('; ')}`);
}

function checkPlaceholders(value: unknown, key: string, file: string): void {
  if (typeof value === 'string') {
    const allowed = new Set<string>([...ELECTION_PLACEHOLDERS, ...(EXTRA_PLACEHOLDERS[key] ?? [])]);
    for (const m of value.matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.has(m[1])) throw new TemplateError(`${file}: "${key}" uses the placeholder {${m[1]}}, which is not available there (allowed: ${[...allowed].map((a) => `{${a}}`).join(', ')})`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => checkPlaceholders(v, key, file));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkPlaceholders(v, key ? `${key}.${k}` : k, file);
  }
}

/** Loads and validates templates/<name>/brand.json and <lang>.json. */
export function loadTemplate(name: string, lang: string, dir: string = TEMPLATES_DIR): PackTemplate {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new TemplateError(`bad template name ${JSON.stringify(name)}`);
  if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(lang)) throw new TemplateError(`bad language ${JSON.stringify(lang)}`);
  const base = path.join(dir, name);
  const brandFile = path.join(base, 'brand.json');
  const textFile = path.join(base, `${lang}.json`);
  const brand = parseWith(BrandSchema, readJson(brandFile), brandFile);
  const text = parseWith(TextSchema, readJson(textFile), textFile);
  if (text.lang !== lang) throw new TemplateError(`${textFile}: "lang" is "${text.lang}" but the file is for "${lang}"`);
  checkPlaceholders(text, '', textFile);
  const logoPath = path.resolve(base, brand.logo);
  if (!logoPath.startsWith(base + path.sep)) throw new TemplateError(`${brandFile}: "logo" must be a file inside the template folder`);
  if (!/\.(png|jpe?g)$/i.test(logoPath) || !fs.existsSync(logoPath)) throw new TemplateError(`${brandFile}: "logo" must name an existing .png or .jpg file (got "${brand.logo}")`);
  return { name, brand, text, logoPath };
}

/** Replaces {name} placeholders; a placeholder without a value is a bug, not blank output. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^{}]*)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new TemplateError(`no value for the placeholder {${k}} in "${template}"`);
    return String(v);
  });
}
