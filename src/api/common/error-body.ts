import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** The one error body of the API (SPEC §5). */
export class ErrorBodyDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code again' })
  readonly statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'HTTP reason phrase' })
  readonly error: string;

  @ApiProperty({ example: 'The request is malformed' })
  readonly message: string;

  @ApiPropertyOptional({
    description:
      '400: `[{field, reasons[]}]` naming every bad field; 409: `{status, allowedActions[]}`; 422: `{field?, status?}`; ' +
      '503 to a command: `{mayHaveBeenApplied, retryWithSameIdempotencyKey}`',
    oneOf: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } },
        },
      },
      { type: 'object', additionalProperties: true },
    ],
  })
  readonly details?: unknown;
}

export class UnavailableDetailsDto {
  @ApiProperty({
    description:
      'false only when the command is known not to have reached Temporal (connection refused before sending); ' +
      'true when it may still be applied (deadline exceeded)',
  })
  readonly mayHaveBeenApplied: boolean;

  @ApiProperty({
    enum: [true],
    description: 'A retry with the same Idempotency-Key returns the first outcome and applies nothing twice',
  })
  readonly retryWithSameIdempotencyKey: true;
}

/** The 503 body: the shared error body; on commands and intake `details` says whether it may have been applied. */
export class UnavailableErrorBodyDto {
  @ApiProperty({ type: 'integer', enum: [503] })
  readonly statusCode: number;

  @ApiProperty({ example: 'Service Unavailable' })
  readonly error: string;

  @ApiProperty({ example: 'Temporal did not answer in time; the command may still be applied' })
  readonly message: string;

  @ApiPropertyOptional({ type: UnavailableDetailsDto })
  readonly details?: UnavailableDetailsDto;
}

export function errorBody(statusCode: number, message: string, details?: unknown): ErrorBodyDto {
  const body: ErrorBodyDto = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  return details === undefined ? body : { ...body, details };
}

/** Seconds a client waits before retrying after a 503 (a Temporal or PostgreSQL restart takes a few). */
export const RETRY_AFTER_SECONDS = 2;

export function sendError(response: Response, statusCode: number, message: string, details?: unknown): void {
  if (response.headersSent) return;
  if (statusCode === 503 && !response.getHeader('Retry-After'))
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  response.status(statusCode).json(errorBody(statusCode, message, details));
}
