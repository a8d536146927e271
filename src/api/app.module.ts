import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  RequestMethod,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { createSecretKey, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ChangeFeed, feedConnectionOf } from '../persistence/change-feed';
import { UserEntity } from '../persistence/entities';
import { CatalogueCache } from '../persistence/catalogue-cache';
import { PolicyCache } from '../persistence/policy-cache';
import { AdminController } from './admin/admin.controller';
import { StuckOrdersService } from './admin/stuck-orders.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle, type LoginRateLimit } from './auth/login-throttle';
import { LoginThrottleInterceptor } from './auth/login-throttle.interceptor';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CodecSessionController } from './codec/codec-session.controller';
import { CodecController } from './codec/codec.controller';
import { CodecModule } from './codec/codec.module';
import { AccessGuard } from './common/access.guard';
import { PUBLIC_KEY } from './common/auth.decorators';
import { REDACTED_LOG_PATHS, redactRequestUrl } from './common/log-redaction';
import { APP_CONFIG, APP_OPTIONS, TEMPORAL_CLIENT } from './common/tokens';
import { UserCache, USERS_CHANGED } from './common/user-cache';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { CoverageService } from './orders/coverage.service';
import { OrderPricingService } from './orders/order-pricing.service';
import { PricedWorkController } from './orders/priced-work.controller';
import { IntakeService } from './orders/intake.service';
import { OrderAccessService } from './orders/order-access.service';
import { CustomerLinksController } from './orders/customer-links.controller';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { WarrantyClaimService } from './orders/warranty-claim.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { RunningOrdersController } from './policies/running-orders.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SmsSinkModule } from './sms-sink/sms-sink.module';
import { SelfServiceModule } from './self-service/self-service.module';
import { StockModule } from './stock/stock.module';
import { CandidatesController } from './technicians/candidates.controller';
import { CandidatesService } from './technicians/candidates.service';
import { TechniciansController } from './technicians/technicians.controller';
import { TechniciansService } from './technicians/technicians.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  temporalClient: Client;
  loginRateLimit: LoginRateLimit;
  /** Resources createApp opened itself and must close with the app. */
  release: () => Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming `x-request-id` (a proxy's), else makes one; echoed on the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

// The codec endpoint authenticates on its own (CodecAdminGuard: an admin's bearer token or the codec session
// cookie the Web UI sends), so the API's global guard lets its routes through.
for (const controller of [CodecController, CodecSessionController])
  Reflect.defineMetadata(PUBLIC_KEY, true, controller);

@Injectable()
class ResourceCloser implements OnApplicationShutdown {
  constructor(@Inject(APP_OPTIONS) private readonly options: AppModuleOptions) {}

  async onApplicationShutdown(): Promise<void> {
    await this.options.release();
  }
}

/** Opens the change feed before the app serves (its caches read the database until it is live). */
@Injectable()
class ChangeFeedLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly feed: ChangeFeed,
    @Inject(PolicyCache) private readonly policies: PolicyCache,
    @Inject(CatalogueCache) private readonly catalogues: CatalogueCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.policies.close();
    this.catalogues.close();
    await this.feed.close();
  }
}

/**
 * The web app at `/` (docs/web.md): its built files, and index.html for every other path outside the API so
 * that the app's own routes (/orders/…) survive a reload. Absent when it has not been built.
 */
function webApp(config: AppConfig): DynamicModule[] {
  const rootPath = resolve(config.WEB_DIST_DIR);
  if (!existsSync(join(rootPath, 'index.html'))) return [];
  return [ServeStaticModule.forRoot({ rootPath, exclude: ['/api{/*path}', '/metrics'] })];
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    // A key object, built once: given the string, jsonwebtoken first tries (and fails) to parse it as a PEM
    // key, private to sign and public to verify, on every call before it falls back to an HMAC secret.
    const jwtKey = createSecretKey(Buffer.from(config.JWT_SECRET));
    const changeFeedLogger = new Logger(ChangeFeed.name);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // Nest 11 route syntax (the default '*' logs a legacy-route warning at start).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: requestId,
            redact: REDACTED_LOG_PATHS,
            serializers: { req: redactRequestUrl },
            customProps: () => ({ service: 'service-order-api' }),
          },
        }),
        JwtModule.register({
          secret: jwtKey,
          signOptions: { expiresIn: config.JWT_EXPIRES_IN as unknown as number, issuer: 'service-order-api' },
          verifyOptions: { issuer: 'service-order-api', algorithms: ['HS256'] },
        }),
        ...webApp(config),
        TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
        CodecModule.register({
          config,
          // A deactivated or demoted admin loses the codec at once, not when the token expires.
          confirmAdmin: async (claims) => {
            const user = await options.dataSource
              .getRepository(UserEntity)
              .findOne({ where: { id: claims.sub } });
            return Boolean(user?.active && user.roles.includes('admin'));
          },
        }),
        SmsSinkModule.register({ config, dataSource: options.dataSource }),
        SelfServiceModule.register({ config, dataSource: options.dataSource }),
        StockModule.register({
          dataSource: options.dataSource,
          temporalClient: options.temporalClient,
          config,
        }),
        CatalogueModule.register({ config, dataSource: options.dataSource }),
      ],
      controllers: [
        AuthController,
        UsersController,
        PoliciesController,
        RunningOrdersController,
        OrdersController,
        PricedWorkController,
        CustomerLinksController,
        CandidatesController,
        NotificationsController,
        TechniciansController,
        ReportsController,
        HealthController,
        MetricsController,
        AdminController,
      ],
      providers: [
        { provide: APP_OPTIONS, useValue: options },
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: options.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: options.temporalClient },
        { provide: APP_GUARD, useClass: AccessGuard },
        ResourceCloser,
        {
          provide: ChangeFeed,
          useFactory: () =>
            new ChangeFeed({
              connection: feedConnectionOf(options.dataSource.options),
              acknowledged: [USERS_CHANGED],
              warn: (message) => changeFeedLogger.warn(message),
            }),
        },
        {
          provide: PolicyCache,
          useFactory: (feed: ChangeFeed) =>
            new PolicyCache(options.dataSource, feed, { ttlMs: config.POLICY_CACHE_TTL_MS }),
          inject: [ChangeFeed],
        },
        {
          provide: CatalogueCache,
          useFactory: (feed: ChangeFeed) =>
            new CatalogueCache(options.dataSource, feed, { ttlMs: config.POLICY_CACHE_TTL_MS }),
          inject: [ChangeFeed],
        },
        ChangeFeedLifecycle,
        UserCache,
        MetricsService,
        AuthService,
        { provide: LoginThrottle, useValue: new LoginThrottle(options.loginRateLimit) },
        LoginThrottleInterceptor,
        UsersService,
        PoliciesService,
        OrderAccessService,
        IntakeService,
        CoverageService,
        OrderPricingService,
        OrdersService,
        WarrantyClaimService,
        NotificationsService,
        TechniciansService,
        CandidatesService,
        ReportsService,
        StuckOrdersService,
      ],
    };
  }
}
