import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { AppModule } from 'src/app.module';
import { progressBar, progressText } from 'src/cli/progress-line';
import { Actor } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { PacksService } from 'src/packs/packs.service';
import { loadConfig } from 'src/platform/config/app-config';
import { JobQueue, JobRunner } from 'src/platform/queue/job-queue';

const CLI: Actor = { kind: 'system', process: 'cli' };

export interface PacksGenerateOptions {
  election: string;
  template: string;
  language: string;
  wait?: boolean;
  /** Seconds between progress reads (tests shorten it). */
  interval?: number;
}

/**
 * Requests the print run; with `--wait`, follows it until `packs_ready` (resolves) or a failure
 * (throws, so the process exits non-zero). With the in-process driver nobody else may be running
 * jobs, so this process renders the batches itself while it waits.
 */
export async function packsGenerate(opts: PacksGenerateOptions, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig(), { runOnBootstrap: false }), { logger: ['error'] });
  try {
    const { jobId } = await app.get(PackGenerationService).request(opts.election, opts.template, opts.language, CLI);
    const inProcess = app.get(JobQueue).driver === 'in-process';
    console.log(`Print run requested (job ${jobId}).`);
    if (!opts.wait) {
      console.log(inProcess ? 'The web process (npm start) runs it; follow it with GET /elections/:id/packs.' : 'Worker processes (npm run worker) render it; follow it with GET /elections/:id/packs.');
      return;
    }
    if (inProcess) await app.get(JobRunner).start();
    const tty = out.isTTY === true;
    let last = '';
    for (;;) {
      const s = await app.get(PacksService).status(opts.election);
      if (s.progress) {
        const line = tty ? progressBar(s.progress) : progressText(s.progress);
        // A terminal gets one line redrawn in place; a pipe or log a line per change.
        if (tty) out.write(`\r${line}\x1b[K`);
        else if (line !== last) out.write(`${line}\n`);
        last = line;
      }
      if (s.status === 'generated') {
        if (tty) out.write('\n');
        console.log(`Packs ready: ${s.setup?.batches ?? 0} batch file(s) with manifest.csv and SHA256SUMS.`);
        return;
      }
      if (s.status === 'failed') {
        if (tty) out.write('\n');
        const why = s.job?.error ?? s.progress?.failing.map((f) => `batch ${f.batch}: ${f.error}`).join('; ') ?? 'unknown error';
        throw new Error(`The print run failed: ${why}`);
      }
      await new Promise((r) => setTimeout(r, (opts.interval ?? 1) * 1000));
    }
  } finally {
    await app.close();
  }
}

export function registerPacksCommand(program: Command): void {
  const packs = program.command('packs').description('Ballot packs (the credential authority)');
  packs
    .command('generate')
    .description('Start the print run of an election whose roll is frozen (idempotent); --wait follows it to packs_ready')
    .requiredOption('--election <id>', 'the election')
    .option('--template <name>', 'a folder under templates/', 'default')
    .addOption(new Option('--language <code>', 'language of the packs').choices(['en', 'fr']).default('en'))
    .option('--wait', 'show progress until the packs are ready (exit 0) or the run fails (exit 1)')
    .action((opts: PacksGenerateOptions) => packsGenerate(opts));
}
