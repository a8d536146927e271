import { applyDecorators, Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CodecAdmin, CodecAdminGuard } from './codec-admin.guard';
import { CODEC_SESSION_SECURITY } from './codec-session';
import { CodecPayloadsDto } from './codec.dto';
import type { CodecJwtClaims } from './codec.options';
import { CodecService, type CodecPayloadsBody } from './codec.service';

/** A codec operation in the OpenAPI document: admin bearer token or codec session cookie, `{payloads}` both ways. */
const CodecOperation = (summary: string) =>
  applyDecorators(
    ApiOperation({
      summary,
      description:
        'Admins only: `Authorization: Bearer <accessToken>` (the CLI) or the `codec_session` cookie (the Web UI). ' +
        'Only when PAYLOAD_ENCRYPTION_KEY is set (404 otherwise).',
    }),
    ApiBearerAuth(),
    ApiSecurity(CODEC_SESSION_SECURITY),
    ApiHeader({
      name: 'X-Namespace',
      required: false,
      schema: { type: 'string' },
      description: 'The namespace of the payloads (the Web UI sends it); empty or absent: the configured one',
    }),
    ApiBody({ type: CodecPayloadsDto }),
    ApiOkResponse({ type: CodecPayloadsDto }),
    ApiErrors(400, 401, 403, 503),
  );

/**
 * Temporal remote codec endpoint (`/api/codec`): the Web UI and `temporal --codec-endpoint` post
 * `{payloads}` to `<endpoint>/decode` and `<endpoint>/encode` and get `{payloads}` back.
 */
@ApiTags('codec')
@Controller('codec')
@UseGuards(CodecAdminGuard)
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  @CodecOperation('Decode payloads (decrypt); each call is audited in the log')
  decode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
    @CodecAdmin() admin: CodecJwtClaims,
  ): Promise<CodecPayloadsBody> {
    return this.codec.decode(body, namespace, admin.sub);
  }

  @Post('encode')
  @HttpCode(200)
  @CodecOperation('Encode payloads (encrypt with the current key)')
  encode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
  ): Promise<CodecPayloadsBody> {
    return this.codec.encode(body, namespace);
  }
}
