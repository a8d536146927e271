import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { CodecAdminGuard } from './codec-admin.guard';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecSessionController } from './codec-session.controller';
import { CodecController } from './codec.controller';
import { CODEC_OPTIONS, type CodecModuleOptions } from './codec.options';
import { CodecService } from './codec.service';

/**
 * The payload codec endpoint for the Temporal Web UI (SPEC §6), self-contained:
 * `imports: [CodecModule.register({ config })]`. Without PAYLOAD_ENCRYPTION_KEY it registers no route (404).
 * Routes sit under the app's global prefix: `/api/codec/decode`, `/api/codec/encode`, `/api/codec/session`.
 */
@Module({})
export class CodecModule implements NestModule {
  constructor(@Inject(CODEC_OPTIONS) private readonly options: CodecModuleOptions) {}

  static register(options: CodecModuleOptions): DynamicModule {
    const optionsProvider = { provide: CODEC_OPTIONS, useValue: options };
    if (!options.config.PAYLOAD_ENCRYPTION_KEY) {
      return { module: CodecModule, providers: [optionsProvider], exports: [CODEC_OPTIONS] };
    }
    return {
      module: CodecModule,
      // Its own JwtService: verifies the API's tokens and signs codec sessions, independent of the API module's.
      // The secret as a key object, built once (a string is first tried as a PEM key on every call).
      imports: [
        JwtModule.register({
          secret: createSecretKey(Buffer.from(options.config.JWT_SECRET)),
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [CodecController, CodecSessionController],
      providers: [optionsProvider, CodecService, CodecAdminGuard],
      exports: [CODEC_OPTIONS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.options.config.PAYLOAD_ENCRYPTION_KEY) return;
    // Every method, so the OPTIONS preflight reaches it too; the path is relative to the global prefix.
    consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
