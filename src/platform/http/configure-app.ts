import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from 'src/platform/config/app-config';
import { bodyParsers } from 'src/platform/http/body-parsers';
import { AllExceptionsFilter } from 'src/platform/http/exception.filter';
import { requestIdMiddleware } from 'src/platform/http/request-id.middleware';
import { createValidationPipe } from 'src/platform/http/validation';

/** Everything main.ts and the test app share, so tests exercise the real HTTP pipeline. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  if (config.trustProxy) express.set('trust proxy', true);
  express.use(requestIdMiddleware);
  express.use(bodyParsers(config.limits.jsonBodyBytes));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('hybrid-ballot')
    .setDescription('Hybrid postal + online member ballots with a verifiable Belenios record. Errors: `{ error: { code, message, fields? }, requestId }`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
}
