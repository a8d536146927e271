import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrors, errorExample } from '../common/api-errors.decorator';
import { Public } from '../common/auth.decorators';
import { ErrorBodyDto } from '../common/error-body';
import { AuthService } from './auth.service';
import { LoginThrottleInterceptor } from './login-throttle.interceptor';
import { LoginDto, LoginResponseDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseInterceptors(LoginThrottleInterceptor)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Rate-limited: failed attempts per username (LOGIN_ATTEMPTS_PER_MINUTE) and all attempts per client ' +
      'address (LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE); successful logins never count against the username.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 503)
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for the username, or too many attempts from the address',
    type: ErrorBodyDto,
    example: errorExample(429),
    headers: {
      'Retry-After': { description: 'Seconds until a retry may succeed', schema: { type: 'integer' } },
    },
  })
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }
}
