import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from 'src/app.module';
import { useFastestBackend } from 'src/crypto/native/backend';
import { loadConfigOrExit } from 'src/platform/config/app-config';
import { createPino, PinoNestLogger } from 'src/platform/logging/logger';
import { JobRunner } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';

// The job process: the same modules as the web process (so the same handlers register), no
// HTTP, and BullMQ workers for every registered handler. Run as many as the work needs.
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Ballot verification and pack credentials on libsodium when it loads; noble otherwise.
  const cryptoBackend = useFastestBackend();
  if (!config.redisUrl) {
    // Two dispatchers on one embedded SQLite file would only contend for its single writer;
    // scaling out is what REDIS_URL is for.
    console.log(
      'REDIS_URL is not set, so jobs use the in-process driver: the web process (npm start) runs them ' +
        'and no worker is needed. Set REDIS_URL to run jobs in separate worker processes.',
    );
    return;
  }
  const logger = createPino(config.logLevel);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new PinoNestLogger(logger) });
  // SIGTERM: stop taking jobs, let running ones finish for the grace period, then exit.
  app.enableShutdownHooks();
  await app.get(JobRunner).start();
  const handlers = app.get(JobRegistry).all();
  logger.info(
    { database: config.database.kind, crypto: cryptoBackend, handlers: handlers.map((h) => ({ name: h.name, concurrency: h.concurrency })) },
    handlers.length > 0 ? 'hybrid-ballot worker running' : 'hybrid-ballot worker running, but no job handler is registered',
  );
}

void main().catch((err: unknown) => {
  console.error('hybrid-ballot worker failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
