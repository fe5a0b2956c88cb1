import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { commonError, defineErrors } from 'src/platform/errors/domain-error';

const bodyError = defineErrors({ malformed_json: 'invalid', malformed_body: 'invalid' });

/** A request whose body was read here: how many bytes it had (for routes with a smaller limit, see body-limit.ts). */
export type SizedRequest = Request & { bodyBytes?: number };

const recordSize = (req: SizedRequest, _res: unknown, buf: Buffer): void => {
  req.bodyBytes = buf.length;
};

/**
 * JSON and form parsers whose failures become our stable error codes. (Nest would otherwise
 * turn a parse failure into a generic 400 and lose which kind of failure it was.)
 */
export function bodyParsers(limitBytes: number): RequestHandler {
  const parsers = [
    express.json({ limit: limitBytes, strict: true, verify: recordSize }),
    express.urlencoded({ limit: limitBytes, extended: false, verify: recordSize }),
  ];
  return (req: Request, res: Response, next: NextFunction) => {
    const run = (i: number): void => {
      if (i === parsers.length) return next();
      parsers[i](req, res, (err?: unknown) => {
        if (!err) return run(i + 1);
        const type = (err as { type?: string }).type;
        if (type === 'entity.too.large') return next(commonError('payload_too_large', `The request body is larger than ${limitBytes} bytes.`));
        if (type === 'entity.parse.failed') return next(bodyError('malformed_json', 'The request body is not valid JSON.'));
        if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
          return next(commonError('unsupported_media_type', 'The request body encoding is not supported.'));
        }
        return next(bodyError('malformed_body', 'The request body could not be read.'));
      });
    };
    run(0);
  };
}
