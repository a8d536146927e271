import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** The one error body of the API (SPEC §5). */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  readonly statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'HTTP reason phrase' })
  readonly error: string;

  @ApiProperty({ example: 'The request is malformed' })
  readonly message: string;

  @ApiPropertyOptional({
    description:
      '400: `[{field, reasons[]}]` naming every bad field; 409: `{status, allowedActions[]}`; 422: `{field?, status?}`',
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

export function errorBody(statusCode: number, message: string, details?: unknown): ErrorBodyDto {
  const body: ErrorBodyDto = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  return details === undefined ? body : { ...body, details };
}

export function sendError(response: Response, statusCode: number, message: string, details?: unknown): void {
  if (response.headersSent) return;
  response.status(statusCode).json(errorBody(statusCode, message, details));
}
