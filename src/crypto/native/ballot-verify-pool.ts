// Single-ballot verification for the server's cast path on worker threads (Node only). A ballot
// costs ~3–4 ms of CPU with sodium-native: on the event loop it would stall every other request,
// and one thread would use one core. The pool keeps a bounded queue so overload turns into an
// immediate PoolBusyError (the HTTP layer answers 503 with Retry-After) rather than unbounded
// latency, and it replaces a worker that dies, retrying its jobs once elsewhere.
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { BallotVerdict, BallotVerifier } from 'src/crypto/ballot/verify-cast';
import type { BackendName } from 'src/crypto/native/backend';
import { startWorker } from 'src/crypto/native/worker-boot';

export { InProcessBallotVerifier, type BallotVerdict, type BallotVerifier } from 'src/crypto/ballot/verify-cast';

export interface CastWorkerData {
  /** Backend to install; by default the fastest available (sodium-native). */
  backend?: BackendName;
  /** Tests only: a worker exits (code 70) when a ballot contains this string. */
  crashMarker?: string;
}
export interface CastToWorker {
  id: number;
  election: string;
  credential: string;
  ballot: string;
}
export type CastFromWorker =
  | { type: 'ready'; backend: BackendName }
  | { type: 'result'; id: number; verdict: BallotVerdict }
  | { type: 'error'; id: number; message: string };

/** The queue is full: try again later (the HTTP layer answers 503 with Retry-After). */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
  constructor(
    readonly queued: number,
    /** Estimate of when the queue will have drained, in whole seconds (1–60). */
    readonly retryAfterSeconds: number,
  ) {
    super(`ballot verification queue full (${queued} waiting)`);
  }
}

/** The pool was closed before this verification finished. */
export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
  constructor() {
    super('ballot verification pool closed');
  }
}

/** No verdict could be computed (workers kept dying): the ballot must not be accepted. */
export class VerificationFailedError extends Error {
  override readonly name = 'VerificationFailedError';
}

export interface BallotVerifyPoolOptions {
  /** Worker threads (default: os.availableParallelism()). */
  workers?: number;
  /** Verifications allowed to wait beyond those handed to workers (default 64 per worker). */
  maxQueue?: number;
  /** Jobs handed to one worker at a time (default 2: the next one is ready when one ends). */
  inFlightPerWorker?: number;
  backend?: BackendName;
  /** Tests only, see CastWorkerData. */
  crashMarker?: string;
}

interface Job {
  id: number;
  message: CastToWorker;
  /** Workers that died while running it. */
  crashes: number;
  startedAt: number;
  resolve: (v: BallotVerdict) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  ready: boolean;
  backend?: BackendName;
  /** Set when we terminate it ourselves: its exit is not a crash. */
  retiring: boolean;
}

/** Workers that die before they are ready this many times in a row: the pool gives up. */
const MAX_START_FAILURES = 3;
/** How long close() lets a starting worker finish loading before terminating it anyway. */
const LOAD_WAIT_MS = 15_000;

/** Resolves when `w` says it is ready, exits, or `ms` have passed. */
function loadedOrGone(w: Worker, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('exit', done);
      resolve();
    };
    const onMessage = (m: CastFromWorker): void => {
      if (m.type === 'ready') done();
    };
    const timer = setTimeout(done, ms);
    w.on('message', onMessage);
    w.once('exit', done);
  });
}

export class BallotVerifyPool implements BallotVerifier {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly maxQueue: number;
  private readonly perWorker: number;
  private readonly data: CastWorkerData;
  private nextId = 1;
  private closed = false;
  private broken: Error | undefined;
  private startFailures = 0;
  private crashCount = 0;
  /** Moving average of one verification's time in a worker (ms), for Retry-After. */
  private serviceMs = 4;
  private readyWaiters: (() => void)[] = [];

  constructor(opts: BallotVerifyPoolOptions = {}) {
    const n = Math.max(1, Math.floor(opts.workers ?? os.availableParallelism()));
    // 64 per worker ≈ a quarter of a second of work at ~250 verifications/s per core: beyond
    // that a voter is better served by a quick 503 and a retry than by a long wait.
    this.maxQueue = Math.max(0, Math.floor(opts.maxQueue ?? 64 * n));
    this.perWorker = Math.max(1, Math.floor(opts.inFlightPerWorker ?? 2));
    this.data = { ...(opts.backend ? { backend: opts.backend } : {}), ...(opts.crashMarker !== undefined ? { crashMarker: opts.crashMarker } : {}) };
    for (let i = 0; i < n; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Queued (not yet handed to a worker), in flight, and workers replaced since the start. */
  stats(): { workers: number; queued: number; inFlight: number; crashes: number } {
    return { workers: this.slots.length, queued: this.queue.length, inFlight: this.slots.reduce((s, x) => s + x.jobs.size, 0), crashes: this.crashCount };
  }

  /** Resolves when every worker has loaded, with the backend each one installed. */
  async ready(): Promise<BackendName[]> {
    while (!this.slots.every((s) => s.ready)) {
      if (this.broken) throw this.broken;
      if (this.closed) throw new PoolClosedError();
      await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    }
    return this.slots.map((s) => s.backend!);
  }

  verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerdict> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    if (this.broken) return Promise.reject(this.broken);
    if (this.queue.length >= this.maxQueue && !this.slots.some((s) => s.jobs.size < this.perWorker)) {
      return Promise.reject(new PoolBusyError(this.queue.length, this.retryAfter()));
    }
    return new Promise<BallotVerdict>((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, message: { id, election: electionRaw, credential: credentialHex, ballot: ballotRaw }, crashes: 0, startedAt: 0, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new PoolClosedError();
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const s of this.slots) {
      s.retiring = true;
      for (const job of s.jobs.values()) job.reject(error);
      s.jobs.clear();
    }
    this.wakeReadyWaiters();
    // Terminating a worker while it is still loading its modules can abort the whole process:
    // Node 20's require() of an ES module (@noble/curves) then hits a V8 fatal error (seen once
    // in CI, when a test app closed just after starting its pool). So let starting workers load.
    await Promise.all(this.slots.filter((s) => !s.ready).map((s) => loadedOrGone(s.worker, LOAD_WAIT_MS)));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private retryAfter(): number {
    const seconds = (this.queue.length * this.serviceMs) / this.slots.length / 1000;
    return Math.min(60, Math.max(1, Math.ceil(seconds)));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker('ballot-verify-worker', this.data), jobs: new Map(), ready: false, retiring: false };
    slot.worker.on('message', (m: CastFromWorker) => this.onMessage(slot, m));
    // 'error' (an uncaught exception in the worker) is always followed by 'exit'.
    let failure = 'exited';
    slot.worker.on('error', (e) => (failure = `failed: ${e.message}`));
    slot.worker.on('exit', (code) => this.onExit(slot, `worker ${failure} (exit code ${code})`));
    return slot;
  }

  private onMessage(slot: Slot, m: CastFromWorker): void {
    if (m.type === 'ready') {
      slot.ready = true;
      slot.backend = m.backend;
      this.startFailures = 0;
      this.wakeReadyWaiters();
      this.pump();
      return;
    }
    const job = slot.jobs.get(m.id);
    if (!job) return;
    slot.jobs.delete(m.id);
    if (m.type === 'result') {
      // With `perWorker` jobs handed over at once, the time since hand-over includes waiting
      // behind the others: divide it to estimate one verification.
      this.serviceMs = 0.9 * this.serviceMs + 0.1 * ((performance.now() - job.startedAt) / this.perWorker);
      job.resolve(m.verdict);
    } else {
      job.reject(new Error(`ballot verification failed: ${m.message}`));
    }
    this.pump();
  }

  private onExit(slot: Slot, why: string): void {
    if (slot.retiring || this.closed) return;
    this.crashCount++;
    if (!slot.ready) this.startFailures++;
    // A worker takes its jobs in the order it was given them, so the crash is charged to the
    // oldest one (the one it was running); the others had not started and keep their retry.
    // They all go back to the head of the queue: a ballot that kills a worker twice is failed
    // (never accepted) rather than allowed to take the whole pool down.
    const orphans = [...slot.jobs.values()];
    slot.jobs.clear();
    if (orphans.length > 0) orphans[0].crashes++;
    for (const job of orphans.reverse()) {
      if (job.crashes >= 2) job.reject(new VerificationFailedError(`ballot verification failed: ${why} twice while verifying this ballot`));
      else this.queue.unshift(job);
    }
    if (this.startFailures >= MAX_START_FAILURES) {
      this.broken = new VerificationFailedError(`ballot verification workers cannot start (${why})`);
      for (const job of this.queue.splice(0)) job.reject(this.broken);
      this.wakeReadyWaiters();
      return;
    }
    const replacement = this.spawn();
    this.slots[this.slots.indexOf(slot)] = replacement;
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let best: Slot | undefined;
      for (const s of this.slots) if (s.jobs.size < this.perWorker && (!best || s.jobs.size < best.jobs.size)) best = s;
      if (!best) return;
      const job = this.queue.shift()!;
      job.startedAt = performance.now();
      best.jobs.set(job.id, job);
      // A worker that is still loading buffers the message; it is verified once it is ready.
      best.worker.postMessage(job.message);
    }
  }

  private wakeReadyWaiters(): void {
    for (const w of this.readyWaiters.splice(0)) w();
  }
}
