// A verification report: every named check with its status, how many items it covered and the
// failures (where + reason). Checks applied to many items (one per ballot) are aggregated.

export type CheckStatus = 'pass' | 'fail' | 'warn';

export interface CheckFailure {
  where: string;
  reason: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** Items checked (ballots, proofs, …). */
  count: number;
  failures: CheckFailure[];
  /** Failures beyond the ones listed. */
  omitted: number;
  notes: string[];
}

export interface VerificationReport {
  ok: boolean;
  checks: CheckResult[];
  electionUuid?: string;
  fingerprint?: string;
  ballots: number;
  tallied: number;
  totalWeight?: string;
  result?: string[][];
  /** Last state reached: setup, voting, tallied, decrypting, result. */
  stage: string;
}

const MAX_LISTED = 20;

export class Reporter {
  private readonly checks = new Map<string, CheckResult>();

  private get(id: string, title: string): CheckResult {
    let c = this.checks.get(id);
    if (!c) {
      c = { id, title, status: 'pass', count: 0, failures: [], omitted: 0, notes: [] };
      this.checks.set(id, c);
    }
    return c;
  }

  pass(id: string, title: string): void {
    this.get(id, title).count += 1;
  }

  fail(id: string, title: string, where: string, reason: string): void {
    const c = this.get(id, title);
    c.count += 1;
    c.status = 'fail';
    if (c.failures.length < MAX_LISTED) c.failures.push({ where, reason });
    else c.omitted += 1;
  }

  check(id: string, title: string, ok: boolean, where: string, reason: string): boolean {
    if (ok) this.pass(id, title);
    else this.fail(id, title, where, reason);
    return ok;
  }

  warn(id: string, title: string, note: string): void {
    const c = this.get(id, title);
    c.count += 1;
    if (c.status === 'pass') c.status = 'warn';
    if (c.notes.length < MAX_LISTED) c.notes.push(note);
  }

  note(id: string, title: string, note: string): void {
    const c = this.get(id, title);
    if (c.notes.length < MAX_LISTED) c.notes.push(note);
  }

  has(id: string): boolean {
    return this.checks.has(id);
  }

  failed(id: string): boolean {
    return this.checks.get(id)?.status === 'fail';
  }

  results(): CheckResult[] {
    return [...this.checks.values()];
  }

  anyFailed(): boolean {
    return [...this.checks.values()].some((c) => c.status === 'fail');
  }
}
