// One line per phase: a terminal sees it redrawn in place with a live counter; a pipe or log
// gets the finished line only. `--quiet` and `--json` silence it.

export interface PhaseTiming {
  phase: string;
  seconds: number;
  /** CPU time of this process (server, client and their threads): wall time on a busy machine overstates the work. */
  cpuSeconds: number;
  detail: string;
}

export class PhaseDisplay {
  readonly timings: PhaseTiming[] = [];
  private current: { phase: string; started: number; cpu: NodeJS.CpuUsage; done: number; total: number | null; unit: string } | null = null;
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly silent: boolean,
  ) {}

  start(phase: string, total: number | null = null, unit = ''): void {
    this.current = { phase, started: performance.now(), cpu: process.cpuUsage(), done: 0, total, unit };
    this.draw(true);
  }

  /** Counts work done in the current phase (redraws at most ten times a second). */
  tick(n = 1): void {
    if (!this.current) return;
    this.current.done += n;
    this.draw(false);
  }

  setTotal(total: number): void {
    if (this.current) this.current.total = total;
  }

  end(detail = ''): PhaseTiming {
    const c = this.current!;
    const cpu = process.cpuUsage(c.cpu);
    const timing = { phase: c.phase, seconds: (performance.now() - c.started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, detail };
    this.timings.push(timing);
    this.current = null;
    if (!this.silent) {
      const line = `✓ ${c.phase.padEnd(26)} ${timing.seconds.toFixed(1).padStart(6)} s  ${detail}`;
      this.out.write(this.out.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
    }
    return timing;
  }

  private draw(force: boolean): void {
    if (this.silent || !this.out.isTTY || !this.current) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const c = this.current;
    const count = c.total === null ? (c.done > 0 ? `${c.done} ${c.unit}` : '') : `${c.done}/${c.total} ${c.unit}`;
    this.out.write(`\r… ${c.phase.padEnd(26)} ${((now - c.started) / 1000).toFixed(1).padStart(6)} s  ${count}\x1b[K`);
  }
}
