import * as fs from 'node:fs';
import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { StaffService } from 'src/auth/staff.service';
import { CliModule } from 'src/cli/cli.module';
import { promptHidden, readStdin } from 'src/cli/read-secret';
import { SYSTEM } from 'src/events/actor';
import { loadConfig } from 'src/platform/config/app-config';
import { Role, ROLES } from 'src/platform/http/access.decorators';

async function obtainPassword(opts: { passwordFile?: string; passwordStdin?: boolean }): Promise<string> {
  if (opts.passwordFile) return fs.readFileSync(opts.passwordFile, 'utf8').replace(/\r?\n$/, '');
  if (opts.passwordStdin) return readStdin();
  if (!process.stdin.isTTY) {
    throw new Error('No terminal to ask for the password: use --password-file FILE or --password-stdin.');
  }
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Staff accounts');
  admin
    .command('create')
    .description('Create a staff account (use it to bootstrap the first administrator)')
    .requiredOption('--email <email>', 'sign-in e-mail address')
    .option('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role of the account').choices(ROLES).default('administrator'))
    .option('--password-file <file>', 'read the password from this file')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { email: string; name?: string; role: Role; passwordFile?: string; passwordStdin?: boolean }) => {
      const password = await obtainPassword(opts);
      const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), { logger: false });
      try {
        const staff = await app.get(StaffService).create(
          { email: opts.email, displayName: opts.name, role: opts.role, password },
          { kind: 'system', process: 'cli' } satisfies typeof SYSTEM,
        );
        console.log(`Created ${staff.role} ${staff.email} (id ${staff.id}).`);
      } finally {
        await app.close();
      }
    });
}
