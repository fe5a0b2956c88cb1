import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoError } from 'src/demo/demo.errors';
import type { TrusteePlan } from 'src/demo/phases/setup';
import { MIN_MEMBERS } from 'src/demo/scenario';
import { PRECEDENCE_POLICIES, PrecedencePolicy } from 'src/elections/election.types';

export const DEFAULT_MEMBERS = 2000;
export const MAX_MEMBERS = 200_000;

export interface DemoOptions {
  members: number;
  policy: PrecedencePolicy;
  /** Where record/, packs/ and summary.json go (absolute). */
  out: string;
  force: boolean;
  /** Repeats who votes how (not the crypto randomness); a fresh one is printed when absent. */
  seed?: string;
  quiet: boolean;
  json: boolean;
  /** Settings for the in-process server (tests shorten things). */
  env?: Record<string, string>;
  trustees?: TrusteePlan;
}

/** The demo's own entries in `--out`: `--force` replaces these and nothing else. */
export const OUTPUTS = ['record', 'record.zip', 'packs', 'summary.json', '.work'] as const;

export function parseMembers(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < MIN_MEMBERS || n > MAX_MEMBERS) {
    throw demoError('demo_invalid_option', `--members must be a whole number from ${MIN_MEMBERS} to ${MAX_MEMBERS.toLocaleString('en')}, not "${v}".`, { fields: { members: ['out of range'] } });
  }
  return n;
}

export function parsePolicy(v: string): PrecedencePolicy {
  if (!(PRECEDENCE_POLICIES as readonly string[]).includes(v)) {
    throw demoError('demo_invalid_option', `--policy must be one of ${PRECEDENCE_POLICIES.join(', ')}, not "${v}".`, { fields: { policy: ['unknown policy'] } });
  }
  return v as PrecedencePolicy;
}

/** Refuses a directory that holds anything unless `force`; with `force`, clears only the demo's own outputs. */
export function prepareOutDir(out: string, force: boolean): void {
  const entries = fs.existsSync(out) ? fs.readdirSync(out) : [];
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw demoError('demo_out_not_empty', `--out ${out} is a file, not a directory.`);
  if (entries.length > 0 && !force) {
    throw demoError('demo_out_not_empty', `--out ${out} is not empty; choose another directory or add --force to replace the demo's files in it.`);
  }
  for (const name of OUTPUTS) fs.rmSync(path.join(out, name), { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
}
