import { Body, Controller, Get, HttpCode, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/api-errors.decorator';
import { Public } from '../common/auth.decorators';
import { errorBody, ErrorBodyDto } from '../common/error-body';
import { ClientAddress } from '../common/client-address';
import { QrCodeQueryDto, RequestPageLinkDto } from './dto/qr-code.query';
import { RequestVerificationDto } from './dto/request-verification.dto';
import { ServiceRequestCreatedDto } from './dto/service-request-created.dto';
import { ServiceRequestDto } from './dto/service-request.dto';
import { VerificationSentDto } from './dto/verification-sent.dto';
import { RetryAfterInterceptor } from '../common/retry-after.interceptor';
import { SelfServiceService } from './self-service.service';

const TOO_MANY_CODES = ApiTooManyRequestsResponse({
  description: 'Too many codes for this phone (3 per 15 minutes) or from this client address',
  type: ErrorBodyDto,
  example: errorBody(429, 'Too many codes were sent to this phone; try again in 540 s', {
    retryAfterSeconds: 540,
  }),
  headers: {
    'Retry-After': { description: 'Seconds until a new code may be sent', schema: { type: 'integer' } },
  },
});

const NO_SMS = ApiServiceUnavailableResponse({
  description:
    'No code can be sent: this server sends no SMS (SMS_PROVIDER=none), the SMS gateway failed, or the database is unreachable',
  type: ErrorBodyDto,
  example: errorBody(503, 'The code could not be sent by SMS; try again shortly'),
  headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
});

@ApiTags('self-service')
@Controller('public/service-requests')
@UseInterceptors(RetryAfterInterceptor)
export class SelfServiceController {
  constructor(private readonly selfService: SelfServiceService) {}

  @Post('verification')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a one-time code by SMS (step 1 of a self-service request)',
    description:
      'Sends a 6-digit code to the phone, valid 10 minutes. At most 3 codes per phone per 15 minutes and a limit ' +
      'per client address. 503 when this server sends no SMS (SMS_PROVIDER=none) or the gateway fails.',
  })
  @ApiAcceptedResponse({ type: VerificationSentDto })
  @ApiErrors(400)
  @TOO_MANY_CODES
  @NO_SMS
  requestCode(
    @Body() dto: RequestVerificationDto,
    @ClientAddress() address: string,
  ): Promise<VerificationSentDto> {
    return this.selfService.sendCode(dto, address);
  }

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Request service with the code (step 2): creates the order',
    description:
      'Checks the code (single use, 5 wrong tries, 10 minutes), then takes the order in as an ONLINE intake by the ' +
      'customer: INFO_REQUIRED with `problems` or PENDING_REVIEW. The same verificationId and code again answer ' +
      'with the same order (and a fresh link).',
  })
  @ApiCreatedResponse({ type: ServiceRequestCreatedDto })
  @ApiErrors(400, 503)
  @ApiUnprocessableEntityResponse({
    description:
      'The code was refused: `details` is `{field, reason, attemptsLeft?}` with reason UNKNOWN (verificationId), ' +
      'PHONE_MISMATCH (customer.phone), WRONG, TOO_MANY_ATTEMPTS, EXPIRED or USED (code)',
    type: ErrorBodyDto,
    example: errorBody(422, 'Wrong code; 4 tries left', { field: 'code', reason: 'WRONG', attemptsLeft: 4 }),
  })
  @ApiConflictResponse({
    description: 'Another request is using this code right now; repeat to get its answer',
    type: ErrorBodyDto,
    example: errorBody(
      409,
      'This code is being used for a request right now; repeat the request in a moment to get its answer',
    ),
  })
  submit(@Body() dto: ServiceRequestDto): Promise<ServiceRequestCreatedDto> {
    return this.selfService.submit(dto);
  }

  @Get('link')
  @Public()
  @ApiOperation({
    summary: 'The address the QR code opens, to print under it',
    description: '`${PUBLIC_BASE_URL}/request`, with `?model=` when a product model is given.',
  })
  @ApiOkResponse({ type: RequestPageLinkDto })
  @ApiErrors(400)
  link(@Query() query: QrCodeQueryDto): RequestPageLinkDto {
    return { url: this.selfService.requestPageUrlFor(query.model) };
  }

  @Get('qr.svg')
  @Public()
  @ApiOperation({
    summary: 'QR code of the self-service request page, for a printed poster',
    description: 'Points at `${PUBLIC_BASE_URL}/request`, with `?model=` when a product model is given.',
  })
  @ApiOkResponse({
    description: 'An SVG image',
    content: { 'image/svg+xml': { schema: { type: 'string' } } },
  })
  @ApiErrors(400)
  async qrCode(
    @Query() query: QrCodeQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const svg = await this.selfService.qrCodeSvg(query.model);
    // Set here, not with @Header: that would also label a 400's JSON body as an image.
    response.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=3600');
    return svg;
  }
}
