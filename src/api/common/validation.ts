import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ApiException, type FieldError } from './api-error';

/**
 * The field may be left out, but not sent as `null` (unlike @IsOptional, which lets null through): for
 * fields with no "cleared" value, where a stored null would break what reads them later.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

function childPath(parent: string, property: string, parentValue: unknown): string {
  if (Array.isArray(parentValue) && /^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's tree into `[{field: 'customer.phone', reasons: [...]}]`, nested fields included. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
  parentValue?: unknown,
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = (parent ? childPath(parent, error.property, parentValue) : error.property) || 'body';
    const reasons = Object.values(error.constraints ?? {}).map((reason) =>
      reason === 'an unknown value was passed to the validate function' ? 'must be a JSON object' : reason,
    );
    if (reasons.length > 0) out.push({ field, reasons });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field, error.value));
  }
  return out;
}

/** A request body is one JSON object; arrays are refused before field validation. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && Array.isArray(value)) {
      throw ApiException.validation([{ field: 'body', reasons: ['must be a JSON object'] }]);
    }
    return super.transform(metadata.type === 'body' && value === undefined ? {} : value, metadata);
  }
}

/** Global pipe: strips nothing silently — unknown fields are refused, every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))];
      return ApiException.validation(details, `Invalid request: ${fields.join(', ')}`);
    },
  });
}
