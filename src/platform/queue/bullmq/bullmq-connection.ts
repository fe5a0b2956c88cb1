import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis, RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';

/**
 * Redis connections of the BullMQ driver. The producer connection (queues, health) fails fast
 * when Redis is down — a web request must get an error, not hang; workers get their own
 * connections with the unlimited retries BullMQ requires for blocking commands.
 * Log lines never include the URL: it may carry a password.
 */
@Injectable()
export class BullmqConnection {
  private readonly logger = new Logger('Queue');
  readonly producer: Redis;
  private lastErrorLog = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.producer = this.connect({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  get prefix(): string {
    return this.config.queuePrefix;
  }

  forWorker(): Redis {
    return this.connect({ maxRetriesPerRequest: null });
  }

  /** Resolves when the producer connection is usable, or rejects after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.producer.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        onReady = resolve;
        this.producer.once('ready', onReady);
        timer = setTimeout(() => reject(new Error('redis unreachable')), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      if (onReady) this.producer.off('ready', onReady);
    }
  }

  close(): void {
    this.producer.disconnect();
  }

  private connect(options: RedisOptions): Redis {
    const client = new Redis(this.config.redisUrl!, {
      ...options,
      // Keep retrying with a ceiling: Redis coming back must heal the process without a restart.
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    client.on('error', (e: Error) => {
      // A down Redis emits an error per reconnect attempt; one line every 10 s is enough.
      if (Date.now() - this.lastErrorLog < 10_000) return;
      this.lastErrorLog = Date.now();
      this.logger.warn({ msg: 'redis connection error', error: e.message });
    });
    return client;
  }
}
