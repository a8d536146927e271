import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { statusOf } from './api-exception.filter';
import { sendError } from './error-body';
import { fromTemporalError, TEMPORAL_ERRORS } from './temporal-errors';

/** Temporal client errors → 404 / 409 / 403 / 422 / 503 with the shared error body. */
@Catch(...TEMPORAL_ERRORS)
export class TemporalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(TemporalExceptionFilter.name);

  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = fromTemporalError(error);
    if (refusal) {
      sendError(response, statusOf(refusal.code), refusal.message, refusal.details);
      return;
    }
    this.logger.error(error.stack ?? error.message);
    sendError(response, HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
