import { DynamicModule, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { PurchaseRequestsController } from './purchase-requests.controller';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';

/**
 * Parts and stock (docs/stock.md): levels, locations, receipts, reservations, purchase requests.
 * `imports: [StockModule.register({ dataSource, temporalClient, config })]`: a receipt that covers an order's
 * purchase request tells the order (signal `partsArrived`).
 */
@Module({})
export class StockModule {
  static register(options: {
    dataSource: DataSource;
    temporalClient: Client;
    config: AppConfig;
  }): DynamicModule {
    return {
      module: StockModule,
      controllers: [StockController, PurchaseRequestsController],
      providers: [
        { provide: DataSource, useValue: options.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: options.temporalClient },
        { provide: APP_CONFIG, useValue: options.config },
        StockService,
      ],
    };
  }
}
