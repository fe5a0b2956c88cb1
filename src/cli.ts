#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerAdminCommand } from 'src/cli/admin.command';
import { registerConfigCommand } from 'src/cli/config.command';
import { registerDemoCommand } from 'src/demo/demo.command';
import { registerMigrationCommand } from 'src/cli/migration.command';
import { registerPacksCommand } from 'src/cli/packs.command';
import { registerScanCommand } from 'src/cli/scan.command';
import { registerTrusteeCommand } from 'src/cli/trustee.command';
import { registerVerifyCommand } from 'src/verify/verify.command';
import { ConfigError } from 'src/platform/config/app-config';
import { DomainError } from 'src/platform/errors/domain-error';

/** `exitOverride` makes commander throw instead of exiting (tests); subcommands inherit it. */
export function buildProgram(opts: { exitOverride?: boolean } = {}): Command {
  const program = new Command('hybrid-ballot')
    .description('Hybrid postal + online member ballots with a verifiable Belenios record')
    .version('0.1.0')
    .showHelpAfterError();
  if (opts.exitOverride) program.exitOverride().configureOutput({ writeErr: () => undefined });
  registerAdminCommand(program);
  registerMigrationCommand(program);
  registerConfigCommand(program);
  registerPacksCommand(program);
  registerTrusteeCommand(program);
  registerScanCommand(program);
  registerVerifyCommand(program);
  registerDemoCommand(program);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    console.error(`error: ${e instanceof DomainError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
