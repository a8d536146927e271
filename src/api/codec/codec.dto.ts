import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const BASE64 = '^[A-Za-z0-9+/_-]*={0,2}$';

/** Documentation shape of one payload in proto3 JSON (the service checks the body itself: codec.service.ts). */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte', pattern: BASE64 },
    example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' },
    description: 'Metadata values, each base64 (standard or URL-safe, padding optional)',
  })
  readonly metadata?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'string',
    format: 'byte',
    pattern: BASE64,
    example: 'eyJuYW1lIjoiWmhhbmcgU2FuIn0=',
    description: 'The payload bytes, base64',
  })
  readonly data?: string;
}

/** Body of both requests and both answers of the remote codec protocol (`{payloads}`). */
export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto] })
  readonly payloads: CodecPayloadDto[];
}

export class CodecSessionDto {
  @ApiProperty({
    format: 'date-time',
    description: 'When the cookie expires: 8 h at most, never after the bearer token it was made from',
  })
  readonly expiresAt: string;
}
