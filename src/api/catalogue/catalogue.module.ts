import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../common/tokens';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { CoverageController } from './coverage.controller';

/**
 * The price catalogue and its versions, estimates priced from it, and coverage judgements (docs/money.md):
 * `imports: [CatalogueModule.register({ config, dataSource })]`.
 */
@Module({})
export class CatalogueModule {
  static register(options: { config: AppConfig; dataSource: DataSource }): DynamicModule {
    return {
      module: CatalogueModule,
      controllers: [CatalogueController, CoverageController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DataSource, useValue: options.dataSource },
        CatalogueService,
      ],
    };
  }
}
