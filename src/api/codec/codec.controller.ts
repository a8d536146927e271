import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CodecAdmin, CodecAdminGuard } from './codec-admin.guard';
import type { CodecJwtClaims } from './codec.options';
import { CodecService, type CodecPayloadsBody } from './codec.service';

/**
 * Temporal remote codec endpoint (`/api/codec`): the Web UI and `temporal --codec-endpoint` post
 * `{payloads}` to `<endpoint>/decode` and `<endpoint>/encode` and get `{payloads}` back.
 */
@Controller('codec')
@UseGuards(CodecAdminGuard)
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  decode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
    @CodecAdmin() admin: CodecJwtClaims,
  ): Promise<CodecPayloadsBody> {
    return this.codec.decode(body, namespace, admin.sub);
  }

  @Post('encode')
  @HttpCode(200)
  encode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
  ): Promise<CodecPayloadsBody> {
    return this.codec.encode(body, namespace);
  }
}
