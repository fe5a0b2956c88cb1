import { z } from 'zod';

// Every setting the processes read, validated once at start-up (CONVENTIONS.md habit 3).
// A setting X may instead be given as a file path in X_FILE (Docker/Kubernetes secrets).
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite file)')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.max(500).default(10),
  SQLITE_PATH: z.string().min(1).default('./data/hybrid-ballot.sqlite'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_MINUTES: positiveInt.max(7 * 24 * 60).default(8 * 60),
  LOGIN_MAX_ATTEMPTS: positiveInt.max(1000).default(10),
  LOGIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  VOTER_SESSION_TTL_MINUTES: positiveInt.max(24 * 60).default(30),
  VOTER_SIGNIN_MAX_ATTEMPTS: positiveInt.max(1000).default(5),
  VOTER_SIGNIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  VOTER_SIGNIN_ADDRESS_FACTOR: positiveInt.max(10_000).default(20),
  /** Worker threads verifying cast ballots (unset: one per CPU); 0 verifies on the request thread. */
  CAST_VERIFY_WORKERS: z.coerce.number().int().min(0).max(256).optional(),
  /** Cast ballots allowed to wait for verification, per worker, before casts get 503 + Retry-After. */
  CAST_VERIFY_QUEUE_PER_WORKER: positiveInt.max(10_000).default(64),
  /** Casts one process handles at once; more are answered 503 with Retry-After at once instead of queueing. */
  CAST_MAX_IN_FLIGHT: positiveInt.max(10_000).default(32),
  JSON_BODY_LIMIT_KB: positiveInt.max(64 * 1024).default(512),
  UPLOAD_LIMIT_MB: positiveInt.max(64 * 1024).default(2048),
  /**
   * The credential authority's seed (hex, ≥ 32 bytes): every credential, Voting ID and paper ID
   * is derived from it. Give it only to the process that renders packs, as a file (_FILE).
   */
  CREDENTIAL_SEED: z
    .string()
    .regex(/^[0-9a-fA-F]{64,}$/, 'must be at least 64 hexadecimal characters (32 bytes)')
    .optional(),
  PACK_BATCH_SIZE: positiveInt.max(20_000).default(1000),
  /** Where scanned ballot papers are kept for audit (default: <DATA_DIR>/scans). */
  SCAN_DIR: z.string().min(1).optional(),
  /** Largest scan file accepted in one upload, in bytes. */
  SCAN_MAX_BYTES: positiveInt.max(1024 * 1024 * 1024).default(50 * 1024 * 1024),
  MAIL_TRANSPORT: z.enum(['file', 'smtp']).default('file'),
  /** smtp(s)://user:password@host:port — a secret: give it as SMTP_URL_FILE in production. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('hybrid-ballot <no-reply@localhost>'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type RawConfig = z.infer<typeof configSchema>;
