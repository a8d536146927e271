import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PurchaseRequestsController } from './purchase-requests.controller';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';

/**
 * Parts and stock (docs/stock.md): levels, locations, receipts, reservations, purchase requests.
 * `imports: [StockModule.register({ dataSource })]`.
 */
@Module({})
export class StockModule {
  static register(options: { dataSource: DataSource }): DynamicModule {
    return {
      module: StockModule,
      controllers: [StockController, PurchaseRequestsController],
      providers: [{ provide: DataSource, useValue: options.dataSource }, StockService],
    };
  }
}
