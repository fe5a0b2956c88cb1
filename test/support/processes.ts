import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import * as path from 'node:path';
import { DatabaseConfig } from 'src/platform/config/app-config';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The npm scripts the deployment runs; test/db/processes.spec.ts starts each of them for real. */
export const DEPLOYED_SCRIPTS = ['serve', 'work', 'migrate'] as const;

/**
 * Builds dist/ unless it was built from the sources as they are now. Several test files start
 * the built server, possibly in parallel workers: they take turns (a lock directory) and reuse
 * one build, so no file under dist/ is rewritten while another test's server is loading it.
 */
export function buildOnce(): void {
  const lock = path.join(REPO_ROOT, 'dist.build-lock');
  const stampFile = path.join(REPO_ROOT, 'dist', '.source-stamp');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is taken over once older than any build takes.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another test has been building dist/ for two minutes (${lock})`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const stamp = sourceStamp();
    if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
    const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    fs.writeFileSync(stampFile, stamp);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Path, size and modification time of every file the build compiles. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        hash.update(`${p}\t${st.size}\t${st.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ['src', 'migrations', 'bench', '.swcrc']) {
    const p = path.join(REPO_ROOT, dir);
    if (fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p);
    else if (fs.existsSync(p)) hash.update(fs.readFileSync(p));
  }
  return hash.digest('hex');
}

/** Runs `npm run <script>` in its own process group, as tini -g runs it in the image. */
export function npmScript(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('npm', ['run', '-s', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Signals the whole group (npm, its shell and node), as a container runtime with tini -g does. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

export function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return () => out;
}

/** Resolves with the exit code, or the signal's name when the process ended by a signal. */
export function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else if (child.signalCode !== null) resolve(child.signalCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}

/** The environment that points a started process at the test's database. */
export function dbEnv(db: DatabaseConfig): NodeJS.ProcessEnv {
  return db.kind === 'postgres' ? { DATABASE_URL: db.url, SQLITE_PATH: '' } : { DATABASE_URL: '', SQLITE_PATH: db.path };
}

/** A TCP port nobody listens on right now, for a server process under test. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
