import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';

// Field names whose values never reach a log line (DESIGN.md §11), wherever they appear.
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'credential',
  'privateCredential',
  'privcred',
  'seed',
  'credentialSeed',
  'secret',
  'token',
  'votingId',
  'secondFactor',
  'dateOfBirth',
  'privateKey',
  'authorization',
  'cookie',
];

export function createPino(level: string, destination?: pino.DestinationStream): Pino {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** Nest's logger interface on pino, so framework and our own logs share one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: unknown, extra?: unknown): void {
    const ctx = typeof context === 'string' ? context : undefined;
    if (message && typeof message === 'object') {
      const { msg, ...rest } = message as { msg?: string };
      this.pino[level]({ context: ctx, ...rest, ...(extra && typeof extra === 'object' ? extra : {}) }, msg ?? (typeof context === 'string' && !ctx ? context : ''));
    } else {
      this.pino[level]({ context: ctx }, String(message));
    }
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional.at(-1));
  }
  error(message: unknown, ...optional: unknown[]): void {
    // Nest passes (message, stack, context); keep the stack but as a field.
    const context = optional.at(-1);
    const stack = optional.length > 1 ? optional[0] : undefined;
    this.write('error', message, context, stack ? { stack } : undefined);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional.at(-1));
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional.at(-1));
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional.at(-1));
  }
}
