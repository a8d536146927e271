import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { StuckOrdersDto, StuckOrdersQueryDto } from './stuck-orders.dto';
import { StuckOrdersService } from './stuck-orders.service';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly stuckOrders: StuckOrdersService) {}

  @Get('stuck-orders')
  @Roles('admin')
  @ApiOperation({
    summary: 'Order workflows whose workflow task keeps failing (README: "Repairing a stuck order")',
    description:
      'Running order workflows whose pending workflow task is at attempt `minAttempt` or later, with the last recorded failure and since when it fails.',
  })
  @ApiOkResponse({ type: StuckOrdersDto })
  @ApiProtected(400)
  stuck(@Query() query: StuckOrdersQueryDto): Promise<StuckOrdersDto> {
    return this.stuckOrders.list(query.minAttempt);
  }
}
