import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from 'src/platform/errors/domain-error';
import { HTTP_STATUS_BY_KIND } from 'src/platform/http/error-status';

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]>; [key: string]: unknown };
  requestId?: string;
}

// Errors Nest or Express raise before our code runs, mapped to stable codes.
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** The one exception filter: stable JSON errors; unknown errors become a bare 500 with a request id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = req?.id;
    const { status, body } = this.toBody(exception);
    if (status >= 500 && !(exception instanceof DomainError)) {
      this.logger.error({ requestId, err: exception }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (exception instanceof DomainError && typeof exception.details?.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(exception.details.retryAfterSeconds));
    }
    res.status(status).json({ ...body, requestId });
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      // retryAfterSeconds stays in the body too: a page can show a countdown without reading headers.
      const { fields, ...rest } = exception.details ?? {};
      return {
        status: HTTP_STATUS_BY_KIND[exception.kind],
        body: { error: { code: exception.code, message: exception.message, ...(fields ? { fields } : {}), ...rest } },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const response = exception.getResponse();
        const message =
          typeof response === 'object' && response && 'message' in response && typeof response.message === 'string'
            ? response.message
            : exception.message;
        return { status, body: { error: { code: CODE_BY_STATUS[status] ?? 'bad_request', message } } };
      }
    }
    return { status: 500, body: { error: { code: 'internal', message: 'Internal error. Quote the request id when reporting it.' } } };
  }
}
