import { DynamicModule, Module } from '@nestjs/common';
import { CODES_PER_ADDRESS } from '../../domain/self-service';
import { AddressLimit } from '../common/address-limit';
import { RetryAfterInterceptor } from '../common/retry-after.interceptor';
import { SelfServiceController } from './self-service.controller';
import { SELF_SERVICE_OPTIONS, type SelfServiceOptions } from './self-service.options';
import { SelfServiceService } from './self-service.service';
import { VerificationCodes, verificationKey } from './verification-codes';

/** The public self-service request: one-time code by SMS, the order, the poster's QR code (docs/customer.md). */
@Module({})
export class SelfServiceModule {
  static register(options: SelfServiceOptions): DynamicModule {
    return {
      module: SelfServiceModule,
      controllers: [SelfServiceController],
      providers: [
        { provide: SELF_SERVICE_OPTIONS, useValue: options },
        {
          provide: VerificationCodes,
          useValue: new VerificationCodes(options.dataSource, verificationKey(options.config)),
        },
        {
          provide: AddressLimit,
          useValue: new AddressLimit({
            requests: CODES_PER_ADDRESS.codes,
            windowMs: CODES_PER_ADDRESS.windowMs,
          }),
        },
        RetryAfterInterceptor,
        SelfServiceService,
      ],
    };
  }
}
