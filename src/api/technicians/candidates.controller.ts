import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { OrderNoPipe } from '../common/order-no.pipe';
import type { Principal } from '../common/principal';
import { DispatchCandidatesDto } from './candidates.dto';
import { CandidatesService } from './candidates.service';

@ApiTags('technicians')
@Controller('orders')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get(':orderNo/candidates')
  @Roles('dispatcher', 'supervisor')
  @ApiOperation({
    summary: 'Technicians ranked for the order as automatic assignment would rank them now, with why',
    description:
      'A preview for the dispatch board: scores (points out of 100 by region, distance and load) and the reason ' +
      'each ineligible technician is passed over. Nothing is reserved; POST …/assignment decides again.',
  })
  @ApiOkResponse({ type: DispatchCandidatesDto })
  @ApiProtected(400, 404)
  list(
    @Param('orderNo', OrderNoPipe) orderNo: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DispatchCandidatesDto> {
    return this.candidates.candidates(principal, orderNo);
  }
}
