import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../common/tokens';
import { SmsSinkController } from './sms-sink.controller';
import { SmsSinkService } from './sms-sink.service';

/**
 * GET /api/dev/sms-sink: `imports: [SmsSinkModule.register({ config, dataSource })]`. The route always
 * exists (so the OpenAPI document does not depend on the environment) and answers 404 unless
 * SMS_PROVIDER is `sink`.
 */
@Module({})
export class SmsSinkModule {
  static register(options: { config: AppConfig; dataSource: DataSource }): DynamicModule {
    return {
      module: SmsSinkModule,
      controllers: [SmsSinkController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DataSource, useValue: options.dataSource },
        SmsSinkService,
      ],
    };
  }
}
