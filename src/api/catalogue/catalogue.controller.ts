import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { CurrentStaff, Roles } from '../common/auth.decorators';
import { errorBody, ErrorBodyDto } from '../common/error-body';
import { actorFor, type StaffPrincipal } from '../common/principal';
import { CatalogueVersionPipe } from './catalogue-version.pipe';
import { CatalogueService } from './catalogue.service';
import { EstimateRequestDto } from './dto/estimate-request.dto';
import { PriceCatalogueDto } from './dto/price-catalogue.dto';
import { PricedEstimateDto } from './dto/priced-estimate.dto';
import { PutCatalogueDto } from './dto/put-catalogue.dto';

@ApiTags('price-catalogue')
@Controller('price-catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({
    summary: 'The price catalogue in force',
    description:
      'Items, the hourly labour rates per order type × zone, product models with their warranty and the quote settings; amounts in minor units of `currency`.',
  })
  @ApiOkResponse({ type: PriceCatalogueDto })
  @ApiProtected(404)
  current(): Promise<PriceCatalogueDto> {
    return this.catalogue.current();
  }

  @Get('versions/:version')
  @ApiOperation({
    summary: 'One version of the price catalogue, current or older (what an order was priced with)',
  })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: PriceCatalogueDto })
  @ApiProtected(400, 404)
  version(@Param('version', CatalogueVersionPipe) version: number): Promise<PriceCatalogueDto> {
    return this.catalogue.version(version);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: 'Save a new version of the price catalogue',
    description:
      'The whole catalogue, saved as the current version + 1; older versions stay readable and orders priced with them keep them. A GET answer can be sent back as is. 400 names every bad field (duplicate codes, negative prices, a missing or second rate for an order type × zone…).',
  })
  @ApiOkResponse({ type: PriceCatalogueDto })
  @ApiProtected(400)
  put(@Body() dto: PutCatalogueDto, @CurrentStaff() staff: StaffPrincipal): Promise<PriceCatalogueDto> {
    return this.catalogue.save(dto, actorFor(staff, ['admin']));
  }

  @Post('estimate')
  @HttpCode(200)
  @Roles('agent', 'technician', 'supervisor')
  @ApiOperation({
    summary: 'Price an itemised estimate from the catalogue',
    description:
      'Items by code and quantity, labour by the hour at the rate of the order type and zone. Each line is rounded half-up to minor units and the totals are summed from the rounded lines. Nothing is stored.',
  })
  @ApiOkResponse({ type: PricedEstimateDto })
  @ApiProtected(400)
  @ApiUnprocessableEntityResponse({
    description:
      'The catalogue version cannot price a line (unknown code, a fractional number of parts) or does not exist: `details` names each',
    type: ErrorBodyDto,
    example: errorBody(422, 'Catalogue version 1 cannot price lines[1].code', [
      { field: 'lines[1].code', reasons: ['no item AC-NOPE in catalogue version 1'] },
    ]),
  })
  estimate(@Body() dto: EstimateRequestDto): Promise<PricedEstimateDto> {
    return this.catalogue.estimate(dto);
  }
}
