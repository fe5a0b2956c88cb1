// Whole-archive verification spread over worker threads (Node only). The main thread runs the
// ordinary single-pass ArchiveVerifier (chain, setup, tally, result, report order); ballot
// verifications, the expensive part, are computed ahead by workers in blocks and consumed in
// archive order, so the report is the one verifyArchive gives (test/unit/crypto/parallel-verify
// checks that). A ballot a worker could not verify is verified on the main thread.
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { readArchive } from 'src/crypto/archive/archive-reader';
import type { BallotCheck } from 'src/crypto/ballot/verify-ballot';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import type { BackendName } from 'src/crypto/native/backend';
import { startWorker } from 'src/crypto/native/worker-boot';
import type { VerificationReport } from 'src/crypto/verify/report';
import { ArchiveVerifier, verifyArchive, type BallotOutcome, type BallotOutcomeSource } from 'src/crypto/verify/verify-archive';

/** A ballot verification as sent back by a worker. */
export interface WireOutcome {
  /** Archive entry name of the ballot verified (checked against the main thread's). */
  name: string;
  ok: boolean;
  checks: BallotCheck[];
  tracker: string;
  credentialHex?: string;
  /** Per answer: α0, β0, α1, β1, … (encodings the worker's decode accepted). */
  choices?: string[][];
}

export type ToWorker = { type: 'archive'; job: number; archive: SharedArrayBuffer } | { type: 'verify'; job: number; from: number; to: number } | { type: 'done'; job: number };
type FromWorker = { type: 'ready'; job: number; count: number } | { type: 'results'; job: number; from: number; results: (WireOutcome | null)[] };

function toOutcome(w: WireOutcome, setup: Parameters<BallotOutcomeSource>[3]): BallotOutcome {
  const G = group();
  const credential = w.credentialHex === undefined ? undefined : setup.credentials.byHex.get(w.credentialHex);
  return {
    ok: w.ok,
    checks: w.checks,
    tracker: w.tracker,
    ...(credential ? { credential } : {}),
    ...(w.choices
      ? {
          choices: w.choices.map((row) => {
            const cs = [];
            for (let j = 0; j + 1 < row.length; j += 2) cs.push({ alpha: G.decodeVerified(row[j], 'choice'), beta: G.decodeVerified(row[j + 1], 'choice') });
            return cs;
          }),
        }
      : {}),
  };
}

export interface VerifyPoolOptions {
  /** Worker threads (default: available parallelism). */
  workers?: number;
  /** Ballots per request to a worker (default 32). */
  block?: number;
}

/** A set of verification workers, reusable for several archives (one at a time). */
export class VerifyPool {
  private readonly workers: Worker[];
  private readonly block: number;
  private nextJob = 1;
  private listeners = new Set<(w: number, m: FromWorker) => void>();
  private failure: Error | undefined;

  constructor(opts: VerifyPoolOptions = {}) {
    const n = Math.max(1, opts.workers ?? os.availableParallelism());
    this.block = Math.max(1, opts.block ?? 32);
    const backend = group().name === 'sodium-native' ? 'sodium-native' : 'noble';
    this.workers = Array.from({ length: n }, (_, i) => {
      const w = startWorker('verify-worker', { backend } satisfies { backend: BackendName });
      w.on('message', (m: FromWorker) => this.listeners.forEach((l) => l(i, m)));
      w.on('error', (e) => {
        this.failure = e;
        this.listeners.forEach((l) => l(i, { type: 'ready', job: -1, count: 0 }));
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  async verify(bytes: Uint8Array): Promise<VerificationReport> {
    const job = this.nextJob++;
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    const results: (WireOutcome | null | undefined)[] = [];
    let count = -1;
    let next = 0;
    let waiting: { ordinal: number; resolve: () => void } | undefined;
    const wake = (): void => {
      if (waiting && (results[waiting.ordinal] !== undefined || this.failure || count >= 0 && waiting.ordinal >= count)) {
        const w = waiting;
        waiting = undefined;
        w.resolve();
      }
    };
    const dispatch = (i: number): void => {
      if (next >= count) return;
      const from = next;
      next = Math.min(count, next + this.block);
      this.workers[i].postMessage({ type: 'verify', job, from, to: next } satisfies ToWorker);
    };
    const listener = (i: number, m: FromWorker): void => {
      if (m.job === -1) return wake();
      if (m.job !== job) return;
      if (m.type === 'ready') {
        if (count < 0) count = m.count;
        // Each worker keeps two blocks in flight so it never waits for the main thread.
        dispatch(i);
        dispatch(i);
      } else {
        m.results.forEach((r, k) => (results[m.from + k] = r));
        dispatch(i);
      }
      wake();
    };
    this.listeners.add(listener);
    for (const w of this.workers) w.postMessage({ type: 'archive', job, archive: shared } satisfies ToWorker);

    const source: BallotOutcomeSource = (ordinal, name, _body, setup) => {
      const w = results[ordinal];
      return w && w.name === name ? toOutcome(w, setup) : undefined;
    };
    const v = new ArchiveVerifier(source);
    let ordinal = 0;
    try {
      for (const rec of readArchive(bytes)) {
        if (rec.kind === 'event' && rec.event.type === 'Ballot') {
          const k = ordinal++;
          if (results[k] === undefined && !this.failure && !(count >= 0 && k >= count)) {
            await new Promise<void>((resolve) => {
              waiting = { ordinal: k, resolve };
              wake();
            });
          }
        }
        v.record(rec);
      }
    } catch (e) {
      if (!isCryptoError(e)) throw e;
      v.structureError(e);
    } finally {
      this.listeners.delete(listener);
      for (const w of this.workers) w.postMessage({ type: 'done', job } satisfies ToWorker);
    }
    return v.finish();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Below this size (≈ 250 ballots) starting workers costs more than it saves. */
const SMALL_ARCHIVE = 1 << 20;

/**
 * Verify a whole archive on `workers` threads (default: one per core). With 1 worker, or by
 * default for a small archive, it runs on this thread and starts no worker.
 */
export async function verifyArchiveParallel(bytes: Uint8Array, opts: VerifyPoolOptions = {}): Promise<VerificationReport> {
  const workers = opts.workers ?? (bytes.length < SMALL_ARCHIVE ? 1 : os.availableParallelism());
  if (workers <= 1) return verifyArchive(bytes);
  opts = { ...opts, workers };
  const pool = new VerifyPool(opts);
  try {
    return await pool.verify(bytes);
  } finally {
    await pool.close();
  }
}
