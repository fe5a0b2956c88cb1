import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { StaffService } from 'src/auth/staff.service';
import { AppConfig, loadConfig } from 'src/platform/config/app-config';
import { configureApp } from 'src/platform/http/configure-app';

export interface DemoServer {
  url: string;
  config: AppConfig;
  /** The credential authority's seed, as the print worker holds it (demo data, never printed). */
  credentialSeed: Uint8Array;
  dataSource: DataSource;
  /** The first administrator, as `hybrid-ballot admin create` makes it; returns its password. */
  bootstrapAdministrator(email: string): Promise<string>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function staffPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The real application, in this process, listening on 127.0.0.1: embedded SQLite under
 * `workDir` (or DATABASE_URL when set), in-process jobs, e-mail written as files, and a fresh
 * credential seed in a 0600 file read through CREDENTIAL_SEED_FILE as a deployment would.
 * `env` adds settings (tests shorten things).
 */
export async function startDemoServer(workDir: string, env: Record<string, string> = {}): Promise<DemoServer> {
  fs.mkdirSync(workDir, { recursive: true });
  const seedFile = path.join(workDir, 'credential-seed.DEMO-ONLY.hex');
  fs.writeFileSync(seedFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    SQLITE_PATH: path.join(workDir, 'demo.sqlite'),
    DATA_DIR: path.join(workDir, 'data'),
    LOG_LEVEL: 'silent',
    MAIL_TRANSPORT: 'file',
    CREDENTIAL_SEED_FILE: seedFile,
    PACK_BATCH_SIZE: '250',
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: false, bodyParser: false });
  configureApp(app, config);
  await app.listen(port, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    credentialSeed: config.packs.credentialSeed!,
    dataSource: app.get(DataSource),
    bootstrapAdministrator: async (email) => {
      const password = staffPassword();
      await app.get(StaffService).create({ email, displayName: 'Demo administrator', role: 'administrator', password }, { kind: 'system', process: 'cli' });
      return password;
    },
    close: async () => {
      await app.close();
      // The seed was for this run only: it goes with the run.
      fs.rmSync(seedFile, { force: true });
    },
  };
}
