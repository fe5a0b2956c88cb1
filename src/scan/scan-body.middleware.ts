import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { SCAN_MIMES } from 'src/scan/read';
import { scanError } from 'src/scan/scan.errors';

/**
 * Reads a scan upload's body as bytes, on the upload route only (the app's one body parser takes
 * JSON). Other content types are left unread: the service answers them 415.
 */
@Injectable()
export class ScanBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.scan.maxBytes;
    this.parse = express.raw({ type: [...SCAN_MIMES], limit: this.limit });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') return next(scanError('scan_too_large', `The scan is larger than the limit of ${this.limit} bytes (SCAN_MAX_BYTES).`));
      return next(scanError('not_an_image', 'The scan could not be read from the request.'));
    });
  }
}
