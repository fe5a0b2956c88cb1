import { availableParallelism } from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSchema, RawConfig } from 'src/platform/config/config.schema';

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  redisUrl?: string;
  queuePrefix: string;
  dataDir: string;
  logLevel: RawConfig['LOG_LEVEL'];
  sessionTtlMinutes: number;
  login: { maxAttempts: number; windowSeconds: number };
  /** Members signing in to vote: shorter sessions, a per-Voting-ID and per-address sign-in limit. */
  voter: { sessionTtlMinutes: number; signIn: { maxAttempts: number; windowSeconds: number; addressFactor: number } };
  castVerify: { workers: number; queuePerWorker: number; maxInFlight: number };
  limits: { jsonBodyBytes: number; uploadBytes: number };
  trustProxy: boolean;
  packs: { credentialSeed?: Uint8Array; batchSize: number };
  /** Scanned ballot papers: where the images are kept, and the largest file one upload may be. */
  scan: { dir: string; maxBytes: number };
  /** Outgoing e-mail: an SMTP server in production, .eml files in a folder in development and tests. */
  mail: { transport: 'smtp'; smtpUrl: string; from: string } | { transport: 'file'; dir: string; from: string };
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads X or the file named by X_FILE; a trailing newline in a secret file is not part of it. */
function resolveFileVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const fileVar = `${key}_FILE`;
    const filePath = env[fileVar];
    if (filePath !== undefined && filePath !== '') {
      if (env[key] !== undefined) throw new ConfigError(key, `and ${fileVar} are both set; use one`);
      try {
        out[key] = fs.readFileSync(filePath, 'utf8').replace(/\r?\n$/, '');
      } catch {
        throw new ConfigError(fileVar, `names a file that cannot be read: ${filePath}`);
      }
    } else {
      // An empty variable means "unset" (docker-compose passes empty strings for missing values).
      out[key] = env[key] === '' ? undefined : env[key];
    }
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(resolveFileVariables(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    // Never echo the value: it may be a secret (a database password in a URL).
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const c = parsed.data;
  if (c.MAIL_TRANSPORT === 'smtp' && !c.SMTP_URL) throw new ConfigError('SMTP_URL', 'is required when MAIL_TRANSPORT=smtp');
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', path: path.resolve(c.SQLITE_PATH) },
    redisUrl: c.REDIS_URL,
    queuePrefix: c.QUEUE_PREFIX,
    dataDir: path.resolve(c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
    sessionTtlMinutes: c.SESSION_TTL_MINUTES,
    login: { maxAttempts: c.LOGIN_MAX_ATTEMPTS, windowSeconds: c.LOGIN_WINDOW_SECONDS },
    voter: {
      sessionTtlMinutes: c.VOTER_SESSION_TTL_MINUTES,
      signIn: { maxAttempts: c.VOTER_SIGNIN_MAX_ATTEMPTS, windowSeconds: c.VOTER_SIGNIN_WINDOW_SECONDS, addressFactor: c.VOTER_SIGNIN_ADDRESS_FACTOR },
    },
    castVerify: { workers: c.CAST_VERIFY_WORKERS ?? availableParallelism(), queuePerWorker: c.CAST_VERIFY_QUEUE_PER_WORKER, maxInFlight: c.CAST_MAX_IN_FLIGHT },
    limits: { jsonBodyBytes: c.JSON_BODY_LIMIT_KB * 1024, uploadBytes: c.UPLOAD_LIMIT_MB * 1024 * 1024 },
    trustProxy: c.TRUST_PROXY,
    packs: { credentialSeed: c.CREDENTIAL_SEED ? Buffer.from(c.CREDENTIAL_SEED, 'hex') : undefined, batchSize: c.PACK_BATCH_SIZE },
    scan: { dir: path.resolve(c.SCAN_DIR ?? path.join(c.DATA_DIR, 'scans')), maxBytes: c.SCAN_MAX_BYTES },
    mail:
      c.MAIL_TRANSPORT === 'smtp'
        ? { transport: 'smtp', smtpUrl: c.SMTP_URL!, from: c.MAIL_FROM }
        : { transport: 'file', dir: path.join(path.resolve(c.DATA_DIR), 'mail'), from: c.MAIL_FROM },
  };
}

/** Markdown table of the settings, kept next to the schema so README and --help stay true. */
export function describeConfig(): Array<{ variable: string; default: string }> {
  return Object.entries(configSchema.shape).map(([variable, schema]) => {
    const def = (schema as { def?: { defaultValue?: unknown } }).def?.defaultValue;
    return { variable, default: def === undefined ? '' : JSON.stringify(def) };
  });
}

/** For process entry points: a bad setting ends the process naming the variable (EX_CONFIG). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
}
