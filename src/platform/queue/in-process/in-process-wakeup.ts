import { Injectable } from '@nestjs/common';

/** Lets a local enqueue start the dispatcher at once instead of at its next poll. */
@Injectable()
export class InProcessWakeup {
  private listener: (() => void) | undefined;

  listen(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  notify(): void {
    this.listener?.();
  }
}
