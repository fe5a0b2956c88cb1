import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from 'src/app.module';
import { useFastestBackend } from 'src/crypto/native/backend';
import { loadConfigOrExit } from 'src/platform/config/app-config';
import { configureApp } from 'src/platform/http/configure-app';
import { createPino, PinoNestLogger } from 'src/platform/logging/logger';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // Ballot verification and pack credentials on libsodium when it loads; noble otherwise.
  const cryptoBackend = useFastestBackend();
  const logger = createPino(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  configureApp(app, config);
  // SIGTERM closes the app: running in-process jobs get a grace period, then are handed back.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info(
    { port: config.port, database: config.database.kind, queue: config.redisUrl ? 'bullmq' : 'in-process', crypto: cryptoBackend },
    `hybrid-ballot listening on ${config.publicUrl}`,
  );
}

void bootstrap().catch((err: unknown) => {
  console.error('hybrid-ballot failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
