import { Command } from 'commander';
import { describeConfig, loadConfig } from 'src/platform/config/app-config';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('Check the configuration in the environment and list the settings with their defaults')
    .action(() => {
      const config = loadConfig();
      for (const { variable, default: def } of describeConfig()) console.log(`${variable.padEnd(22)} default ${def || '(unset)'}`);
      console.log(`\nConfiguration is valid: database ${config.database.kind}, queue ${config.redisUrl ? 'bullmq' : 'in-process'}.`);
    });
}
