import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** An HttpException whose body is the API's error shape `{statusCode, error, message}` (SPEC §5). */
export function codecError(statusCode: number, message: string): HttpException {
  return new HttpException({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message }, statusCode);
}
