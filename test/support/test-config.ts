import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig, DatabaseConfig } from 'src/platform/config/app-config';

export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  const dataDir = path.join(os.tmpdir(), `hb-data-${process.pid}`);
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://localhost:3000',
    database,
    redisUrl: undefined,
    queuePrefix: `hbt${process.pid}`,
    dataDir,
    logLevel: 'silent',
    sessionTtlMinutes: 60,
    login: { maxAttempts: 5, windowSeconds: 900 },
    voter: { sessionTtlMinutes: 30, signIn: { maxAttempts: 5, windowSeconds: 900, addressFactor: 20 } },
    // In-process: a worker pool per test app would cost more than it saves (the pool has tests of its own).
    castVerify: { workers: 0, queuePerWorker: 64, maxInFlight: 32 },
    limits: { jsonBodyBytes: 256 * 1024, uploadBytes: 64 * 1024 * 1024 },
    trustProxy: false,
    // Test data only: a fixed credential seed.
    packs: { credentialSeed: Buffer.alloc(32, 0x5e), batchSize: 4 },
    // Each app its own scan store, so a test sees only the images it uploaded.
    scan: { dir: path.join(dataDir, 'scans', randomUUID()), maxBytes: 50 * 1024 * 1024 },
    // Each app its own outbox, so a test reads only the messages it caused.
    mail: { transport: 'file', dir: path.join(dataDir, 'mail', randomUUID()), from: 'Test Party <ballot@example.org>' },
    ...overrides,
  };
}
