// @ts-check
// Scans are sent one at a time, in the order the envelopes were scanned (trays fill in that
// order). A scan that meets a network failure or a server error is sent again with the SAME
// scanId: the API then answers with the stored verdict instead of recording the envelope twice.

/** @typedef {{ scanId: string, code: string, entry: 'barcode' | 'keyed' }} PendingScan */
/**
 * What sending one scan came to: a verdict, a refusal that retrying will not change (a closed
 * session, a malformed request), a lost sign-in, or a failure worth retrying.
 * @typedef {{ kind: 'verdict', body: import('./api.js').ScanResult } | { kind: 'refused', status: number, code: string, message: string }
 *   | { kind: 'signed_out' } | { kind: 'retry', why: string }} SendOutcome
 */
/**
 * @typedef {object} ScanQueueHooks
 * @property {(scan: PendingScan) => Promise<SendOutcome>} send
 * @property {(scan: PendingScan, body: import('./api.js').ScanResult) => void} onVerdict
 * @property {(scan: PendingScan, outcome: { status: number, code: string, message: string }) => void} onRefused
 * @property {(scan: PendingScan, why: string, waiting: number) => void} onRetrying
 * @property {() => void} onSignedOut   the queue pauses until resume()
 * @property {(waiting: number) => void} [onIdle]
 * @property {(ms: number) => Promise<void>} [sleep]
 */

export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export class ScanQueue {
  /** @type {PendingScan[]} */
  #waiting = [];
  #running = false;
  #paused = false;
  /** @type {ScanQueueHooks} */
  #hooks;
  /** @type {(ms: number) => Promise<void>} */
  #sleep;

  /** @param {ScanQueueHooks} hooks */
  constructor(hooks) {
    this.#hooks = hooks;
    this.#sleep = hooks.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Scans not answered yet, the one being sent included. */
  get waiting() {
    return this.#waiting.length;
  }

  /** @param {PendingScan} scan */
  push(scan) {
    this.#waiting.push(scan);
    void this.#run();
  }

  resume() {
    this.#paused = false;
    void this.#run();
  }

  /** Resolves when every scan has its answer (or the queue is paused). */
  async drained() {
    while (this.#running) await this.#sleep(10);
  }

  async #run() {
    if (this.#running) return;
    this.#running = true;
    try {
      let attempt = 0;
      while (!this.#paused && this.#waiting.length > 0) {
        const scan = this.#waiting[0];
        const outcome = await this.#hooks.send(scan);
        switch (outcome.kind) {
          case 'verdict':
            this.#waiting.shift();
            attempt = 0;
            this.#hooks.onVerdict(scan, outcome.body);
            break;
          case 'refused':
            this.#waiting.shift();
            attempt = 0;
            this.#hooks.onRefused(scan, outcome);
            break;
          case 'signed_out':
            // Kept at the head of the queue: after signing in again it is sent with its scanId.
            this.#paused = true;
            this.#hooks.onSignedOut();
            break;
          case 'retry':
            this.#hooks.onRetrying(scan, outcome.why, this.#waiting.length);
            await this.#sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
            attempt++;
            break;
          default:
            throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
        }
      }
    } finally {
      this.#running = false;
    }
    if (!this.#paused) this.#hooks.onIdle?.(this.#waiting.length);
  }
}
