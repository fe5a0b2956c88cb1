import { ValidationError, ValidationPipe } from '@nestjs/common';
import { commonError, FieldErrors } from 'src/platform/errors/domain-error';

function collect(errors: ValidationError[], prefix = '', out: FieldErrors = {}): FieldErrors {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[field] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, field, out);
  }
  return out;
}

/** The one global validation pipe: unknown fields refused, field-keyed errors (habit 6). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const first = Object.entries(fields)[0];
      return commonError(
        'validation_failed',
        first ? `${first[0]}: ${first[1][0]}` : 'The request is invalid.',
        { fields },
      );
    },
  });
}
