import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { SmsSinkPageDto, SmsSinkQueryDto } from './sms-sink.dto';
import { SmsSinkService } from './sms-sink.service';

@ApiTags('dev')
@Controller('dev')
export class SmsSinkController {
  constructor(private readonly sink: SmsSinkService) {}

  @Get('sms-sink')
  @Roles('admin')
  @ApiOperation({
    summary: 'Text messages kept by the SMS sink (SMS_PROVIDER=sink), newest first',
    description:
      'For development, the browser tests and the demo: what a customer would have received by SMS, links included. 404 unless SMS_PROVIDER is sink.',
  })
  @ApiOkResponse({ type: SmsSinkPageDto })
  @ApiProtected(400, 404)
  list(@Query() query: SmsSinkQueryDto): Promise<SmsSinkPageDto> {
    return this.sink.list(query);
  }
}
