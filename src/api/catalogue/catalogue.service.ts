import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import {
  calendarDateIn,
  catalogueProblems,
  DEFAULT_ESTIMATE_TOLERANCE_PERCENT,
  DEFAULT_SELF_BOUGHT_TOLERANCE_PERCENT,
  judgeCoverage,
  priceEstimate,
  type EstimateLine,
  type FieldProblem,
  type OrderType,
  type PriceCatalogue,
  type PriceCatalogueDefinition,
  type PricedEstimate,
  type Zone,
} from '../../domain';
import {
  catalogueVersion,
  currentCatalogue,
  saveCatalogue,
  type StoredCatalogue,
} from '../../persistence/price-catalogues';
import { ApiErrorCode, ApiException, type FieldError } from '../common/api-error';
import type { Actor } from '../../workflows/service-order/service-order.messages';
import { APP_CONFIG } from '../common/tokens';
import type { CoverageJudgementDto, CoverageJudgementRequestDto } from './dto/coverage-judgement.dto';
import type { EstimateLineDto, EstimateRequestDto } from './dto/estimate-request.dto';
import type { PriceCatalogueDto } from './dto/price-catalogue.dto';
import type { PricedEstimateDto } from './dto/priced-estimate.dto';
import type { PutCatalogueDto } from './dto/put-catalogue.dto';

function toFieldErrors(problems: readonly FieldProblem[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { field, problem } of problems) byField.set(field, [...(byField.get(field) ?? []), problem]);
  return [...byField].map(([field, reasons]) => ({ field, reasons }));
}

/** Each line is an item with its quantity or labour hours, never both nor neither. */
export function toEstimateLines(lines: readonly EstimateLineDto[]): EstimateLine[] {
  const errors: FieldError[] = [];
  const parsed = lines.map((line, index): EstimateLine | null => {
    const at = `lines[${index}]`;
    const isItem = line.code !== undefined || line.quantity !== undefined;
    if (isItem && line.labourHours !== undefined) {
      errors.push({ field: at, reasons: ['give either code and quantity, or labourHours, not both'] });
    } else if (line.labourHours !== undefined) {
      return { labourHours: line.labourHours };
    } else if (line.code === undefined) {
      errors.push({ field: `${at}.code`, reasons: ['code (with quantity) or labourHours is required'] });
    } else if (line.quantity === undefined) {
      errors.push({ field: `${at}.quantity`, reasons: ['quantity is required with code'] });
    } else {
      return { code: line.code, quantity: line.quantity };
    }
    return null;
  });
  if (errors.length > 0) {
    throw ApiException.validation(errors, `Invalid request: ${errors.map((e) => e.field).join(', ')}`);
  }
  return parsed as EstimateLine[];
}

/** The lines priced from `catalogue`, or the 400 / 422 naming each line it cannot price. */
export function priceOrFail(
  lines: readonly EstimateLineDto[],
  catalogue: PriceCatalogue,
  job: { orderType: OrderType; zone: Zone },
): PricedEstimate {
  const priced = priceEstimate(toEstimateLines(lines), catalogue, job);
  if (!priced.ok) {
    const details = toFieldErrors(priced.errors);
    throw new ApiException(
      ApiErrorCode.UNPROCESSABLE,
      `Catalogue version ${catalogue.version} cannot price ${details.map((detail) => detail.field).join(', ')}`,
      details,
    );
  }
  return priced.estimate;
}

@Injectable()
export class CatalogueService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(): Promise<PriceCatalogueDto> {
    return this.view(await this.currentOrFail());
  }

  async version(version: number): Promise<PriceCatalogueDto> {
    return this.view(await this.versionOrFail(version));
  }

  async save(dto: PutCatalogueDto, actor: Actor): Promise<PriceCatalogueDto> {
    if (dto.currency !== undefined && dto.currency !== this.config.CURRENCY) {
      throw ApiException.validation([
        {
          field: 'currency',
          reasons: [`must be ${this.config.CURRENCY}, the configured currency of every amount, or left out`],
        },
      ]);
    }
    const definition: PriceCatalogueDefinition = {
      items: dto.items.map((item) => ({
        code: item.code,
        kind: item.kind as PriceCatalogueDefinition['items'][number]['kind'],
        description: item.description,
        unitPrice: item.unitPrice,
        unit: item.unit,
        // Absent and null both mean "no warranty of its own"; only a real one is stored.
        ...(item.warranty !== undefined && item.warranty !== null ? { warranty: item.warranty } : {}),
      })),
      labourRates: dto.labourRates.map((rate) => ({
        orderType: rate.orderType as OrderType,
        zone: rate.zone as Zone,
        hourlyRate: rate.hourlyRate,
      })),
      productModels: dto.productModels.map((model) => ({
        model: model.model,
        warrantyMonths: model.warrantyMonths,
      })),
      quoteSettings: {
        quoteRequiredAbove: dto.quoteSettings.quoteRequiredAbove,
        estimateTolerancePercent:
          dto.quoteSettings.estimateTolerancePercent ?? DEFAULT_ESTIMATE_TOLERANCE_PERCENT,
        selfBoughtTolerancePercent:
          dto.quoteSettings.selfBoughtTolerancePercent ?? DEFAULT_SELF_BOUGHT_TOLERANCE_PERCENT,
        diagnosisFee: dto.quoteSettings.diagnosisFee,
      },
    };
    const problems = catalogueProblems(definition);
    if (problems.length > 0) {
      const details = toFieldErrors(problems);
      throw ApiException.validation(
        details,
        `The catalogue is invalid: ${details.map((detail) => detail.field).join(', ')}`,
      );
    }
    return this.view(await saveCatalogue(this.dataSource, definition, actor.name ?? actor.id ?? 'admin'));
  }

  async estimate(dto: EstimateRequestDto): Promise<PricedEstimateDto> {
    const catalogue = await this.requestedOrCurrent(dto.version);
    const estimate = priceOrFail(dto.lines, catalogue, {
      orderType: dto.orderType as OrderType,
      zone: dto.zone as Zone,
    });
    return { ...estimate, currency: this.config.CURRENCY };
  }

  async judgeCoverage(dto: CoverageJudgementRequestDto, now = new Date()): Promise<CoverageJudgementDto> {
    const catalogue = await this.requestedOrCurrent(dto.version);
    // "Today" is the customer's calendar date: a purchase dated today there is in its first day of warranty.
    const today = calendarDateIn(now, this.config.CUSTOMER_TIME_ZONE);
    const judgement = judgeCoverage(
      dto.equipment,
      { contract: dto.contract },
      catalogue.productModels,
      today,
    );
    return { ...judgement, today, catalogueVersion: catalogue.version };
  }

  private view(catalogue: StoredCatalogue): PriceCatalogueDto {
    return {
      version: catalogue.version,
      currency: this.config.CURRENCY,
      createdBy: catalogue.createdBy,
      createdAt: catalogue.createdAt.toISOString(),
      items: catalogue.items,
      labourRates: catalogue.labourRates,
      productModels: catalogue.productModels,
      quoteSettings: catalogue.quoteSettings,
    };
  }

  private async currentOrFail(): Promise<StoredCatalogue> {
    const catalogue = await currentCatalogue(this.dataSource);
    // Only a database without migration 1795436800000 (which seeds version 1) has none.
    if (!catalogue) throw ApiException.notFound('No price catalogue has been saved yet');
    return catalogue;
  }

  /** The version a request body names (422 when there is none: the body, not the URL, is wrong), else the current. */
  private async requestedOrCurrent(version: number | undefined): Promise<StoredCatalogue> {
    if (version === undefined) return this.currentOrFail();
    const catalogue = await catalogueVersion(this.dataSource, version);
    if (!catalogue) {
      throw new ApiException(ApiErrorCode.UNPROCESSABLE, `No price catalogue version ${version}`, [
        { field: 'version', reasons: [`no catalogue version ${version}`] },
      ]);
    }
    return catalogue;
  }

  private async versionOrFail(version: number): Promise<StoredCatalogue> {
    const catalogue = await catalogueVersion(this.dataSource, version);
    if (!catalogue) throw ApiException.notFound(`No price catalogue version ${version}`);
    return catalogue;
  }
}
