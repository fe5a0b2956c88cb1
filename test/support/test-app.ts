import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { AppConfig } from 'src/platform/config/app-config';
import { configureApp } from 'src/platform/http/configure-app';
import { createTestDatabase } from 'test/support/test-database';
import { testConfig } from 'test/support/test-config';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  http(): TestAgent;
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/**
 * The real application (all modules, pipes, filters, guards) on a fresh database of the kind
 * this run tests (DB=sqlite|postgres), migrated from empty. One per test file. `providers`
 * replaces providers for tests of one layer's plumbing (say so in the test's name).
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  providers: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(db.config, overrides);
  const moduleRef = await providers(Test.createTestingModule({ imports: [AppModule.forRoot(config)] })).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    get: (token) => app.get(token),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
