import { HttpException } from '@nestjs/common';
import { errorBody } from '../common/error-body';

/** An HttpException whose body is the API's error shape `{statusCode, error, message}` (SPEC §5). */
export function codecError(statusCode: number, message: string): HttpException {
  return new HttpException(errorBody(statusCode, message), statusCode);
}
