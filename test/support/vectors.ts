// Locates the shared Belenios vectors: $HB_SHARED_DIR, else ../shared beside the repository
// (CI layout), else /work/shared.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function sharedDir(): string {
  const fromEnv = process.env.HB_SHARED_DIR;
  if (fromEnv) return fromEnv;
  const repoRoot = path.resolve(__dirname, '..', '..');
  const beside = path.resolve(repoRoot, '..', 'shared');
  if (fs.existsSync(path.join(beside, 'vectors'))) return beside;
  return '/work/shared';
}

export function vectorDir(name: string): string {
  return path.join(sharedDir(), 'vectors', 'belenios', name);
}

export function belFile(caseName: string): string {
  const dir = vectorDir(caseName);
  const bel = fs.readdirSync(dir).find((f) => f.endsWith('.bel'));
  if (!bel) throw new Error(`no .bel in ${dir}`);
  return path.join(dir, bel);
}

export function readVectorJson<T>(caseName: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(vectorDir(caseName), file), 'utf8')) as T;
}

export function readBallotLines(caseName: string): string[] {
  return fs.readFileSync(path.join(vectorDir(caseName), 'ballots.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
}

export const POSITIVE_CASES = [
  'leader-basic',
  'leader-threshold',
  'twoq-blank-basic',
  'twoq-blank-threshold',
  'leader-weighted-basic',
  'v330-leader-basic',
  'v330-leader-threshold',
  'v330-twoq-blank-threshold',
] as const;
