import * as path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_MEMBERS, DemoOptions, parseMembers, parsePolicy } from 'src/demo/demo-options';
import { runDemo } from 'src/demo/run-demo';
import { PRECEDENCE_POLICIES } from 'src/elections/election.types';

interface RawOptions {
  members: string;
  policy: string;
  out: string;
  force?: boolean;
  seed?: string;
  quiet?: boolean;
  json?: boolean;
}

export function demoOptions(raw: RawOptions): DemoOptions {
  return {
    members: parseMembers(raw.members),
    policy: parsePolicy(raw.policy),
    out: path.resolve(raw.out),
    force: raw.force === true,
    seed: raw.seed,
    quiet: raw.quiet === true,
    json: raw.json === true,
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run a whole hybrid election on this machine and verify its record: a made-up roll, the print run, members voting online ' +
        '(real Belenios ballots) and by post (intake scans, keyed ballot papers), every precedence conflict, trustees, the tally, ' +
        'the merged result checked against what was cast. Writes DIR/record/, DIR/packs/ and DIR/summary.json.',
    )
    .option('--members <n>', 'members on the roll', String(DEFAULT_MEMBERS))
    .option('--policy <rule>', `precedence rule: ${PRECEDENCE_POLICIES.join(', ')}`, 'online-overrides-postal')
    .option('--out <dir>', 'output directory (refused if not empty, unless --force)', './demo-output')
    .option('--force', "replace the demo's files in a directory that is not empty")
    .option('--seed <text>', 'repeat a run: the same members and the same votes (the cryptographic randomness stays random)')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print summary.json on standard output instead of the progress and the table')
    .addHelpText(
      'after',
      '\nThe server runs inside this process on 127.0.0.1 with in-process jobs, e-mail written as files and an embedded SQLite\n' +
        'database under DIR/.work/ (kept for inspection; the run\'s demo credential seed is deleted at the end). With\n' +
        'DATABASE_URL set it uses that database instead, and refuses one that already has elections or staff accounts.\n' +
        'Exit status 0 only when the result equals what the members cast and the record verifies.',
    )
    .action(async (raw: RawOptions) => {
      await runDemo(demoOptions(raw));
    });
}
