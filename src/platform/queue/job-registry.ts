import { Injectable } from '@nestjs/common';
import { JobHandler } from 'src/platform/queue/job-queue';

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const KEY = /^[A-Za-z0-9._-]{1,200}$/;

/** A handler with every default applied, so both drivers read the same numbers. */
export interface RegisteredHandler {
  readonly name: string;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: number;
  readonly handler: JobHandler;
}

/**
 * Domain modules register their handlers here from `onModuleInit`:
 *
 *   constructor(private readonly jobs: JobRegistry, private readonly renderBatch: RenderBatchJob) {}
 *   onModuleInit() { this.jobs.register(this.renderBatch); }
 *
 * Runners start on application bootstrap, after every `onModuleInit`, and seal the registry: a
 * handler registered later would silently never run, so that throws instead.
 */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, RegisteredHandler>();
  private sealed = false;

  register<P, R>(handler: JobHandler<P, R>): void {
    if (this.sealed) throw new Error(`Job handler "${handler.name}" registered after the job runner started`);
    if (!NAME.test(handler.name)) throw new Error(`Invalid job name "${handler.name}"`);
    if (this.handlers.has(handler.name)) throw new Error(`Job handler "${handler.name}" registered twice`);
    const attempts = handler.attempts ?? 3;
    const backoffMs = handler.backoffMs ?? 1000;
    const concurrency = handler.concurrency ?? 1;
    if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`Job "${handler.name}": attempts must be ≥ 1`);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`Job "${handler.name}": concurrency must be ≥ 1`);
    if (!(backoffMs >= 0)) throw new Error(`Job "${handler.name}": backoffMs must be ≥ 0`);
    this.handlers.set(handler.name, { name: handler.name, attempts, backoffMs, concurrency, handler });
  }

  /** The handler for `name`; throws for an unknown name, which is a programming error. */
  require(name: string): RegisteredHandler {
    const found = this.handlers.get(name);
    if (!found) throw new Error(`No job handler registered for "${name}"`);
    return found;
  }

  all(): RegisteredHandler[] {
    return [...this.handlers.values()];
  }

  seal(): void {
    this.sealed = true;
  }
}

export function assertValidJobKey(key: string): void {
  if (!KEY.test(key) || /^\d+$/.test(key)) {
    throw new Error('Invalid jobId: use letters, digits, ".", "_", "-" (at most 200, not only digits)');
  }
}

/** Delay before the retry that follows failed run number `attempt` (1-based): d, 2d, 4d, … */
export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

/** What is stored and logged of an error: its message only — stacks and causes stay out. */
export function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return (message || (e instanceof Error ? e.name : 'Error')).slice(0, 2000);
}
