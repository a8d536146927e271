import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { errorBody, ErrorBodyDto } from '../common/error-body';
import { CatalogueService } from './catalogue.service';
import { CoverageJudgementDto, CoverageJudgementRequestDto } from './dto/coverage-judgement.dto';

@ApiTags('price-catalogue')
@Controller('coverage')
export class CoverageController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('judgement')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Judge who pays for the work: CONTRACT, IN_WARRANTY or PAID',
    description:
      "A service contract valid today → CONTRACT; else a catalogue model with serial number, purchase date and proof of purchase, today within the model's warranty → IN_WARRANTY; else PAID. `reason` names the rule. Today is the date in CUSTOMER_TIME_ZONE. Nothing is stored.",
  })
  @ApiOkResponse({ type: CoverageJudgementDto })
  @ApiProtected(400)
  @ApiUnprocessableEntityResponse({
    description: 'The catalogue version named in the body does not exist',
    type: ErrorBodyDto,
    example: errorBody(422, 'No price catalogue version 99', [
      { field: 'version', reasons: ['no catalogue version 99'] },
    ]),
  })
  judge(@Body() dto: CoverageJudgementRequestDto): Promise<CoverageJudgementDto> {
    return this.catalogue.judgeCoverage(dto);
  }
}
