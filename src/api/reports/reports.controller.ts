import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { KpiQueryDto, KpisDto } from './kpis.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('kpis')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'KPIs over orders created in [from, to): handling time, on-time, rework, satisfaction, escalations per stage and per technician',
  })
  @ApiOkResponse({ type: KpisDto })
  @ApiProtected(400)
  kpis(@Query() query: KpiQueryDto): Promise<KpisDto> {
    return this.reports.kpis(query);
  }
}
