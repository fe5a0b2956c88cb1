import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerToken } from 'src/auth/access.guard';
import { authError } from 'src/auth/auth.errors';
import { AuthService } from 'src/auth/auth.service';
import { type Role } from 'src/platform/http/access.decorators';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { SCAN_MIMES } from 'src/scan/read';
import { scanError } from 'src/scan/scan.errors';

/** Who may upload scans; the route's own @Allow says the same, checked again by the guard. */
const UPLOADERS: readonly Role[] = ['count_staff', 'count_supervisor'];

/**
 * Reads a scan upload's body as bytes, on the upload route only (the app's one body parser takes
 * JSON). Other content types are left unread: the service answers them 415. Middleware runs
 * before guards, so the sender is checked here first: nobody but count staff makes the server
 * take in up to SCAN_MAX_BYTES.
 */
@Injectable()
export class ScanBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    this.limit = config.scan.maxBytes;
    this.parse = express.raw({ type: [...SCAN_MIMES], limit: this.limit });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    void this.sender(req).then(() => this.read(req, res, next), next);
  }

  private async sender(req: Request): Promise<void> {
    const token = bearerToken(req);
    if (!token) throw authError('not_signed_in', 'Sign in to use this page.');
    const staff = await this.auth.resolve(token);
    if (!UPLOADERS.includes(staff.role)) throw authError('role_not_allowed', `This action needs one of these roles: ${UPLOADERS.join(', ')}.`);
  }

  private read(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') return next(scanError('scan_too_large', `The scan is larger than the limit of ${this.limit} bytes (SCAN_MAX_BYTES).`));
      return next(scanError('not_an_image', 'The scan could not be read from the request.'));
    });
  }
}
