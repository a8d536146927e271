import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Client, Connection } from '@temporalio/client';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from '../persistence/data-source';
import { temporalTarget } from '../temporal/connection';
import { createDataConverter } from '../temporal/data-converter';
import { AppModule } from './app.module';
import { CODEC_SESSION_COOKIE, CODEC_SESSION_SECURITY } from './codec/codec-session';
import { ApiErrorCode, ApiException } from './common/api-error';
import { ApiExceptionFilter, statusOf, toApiException } from './common/api-exception.filter';
import { sendError } from './common/error-body';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './common/json-depth';
import { TemporalExceptionFilter } from './common/temporal-exception.filter';
import { createValidationPipe } from './common/validation';
import { metricsMiddleware } from './metrics/metrics.middleware';
import { MetricsService } from './metrics/metrics.service';
import { finishOpenApiDocument } from './openapi-document';

export interface CreateAppOptions {
  /** An initialised DataSource; when omitted one is opened on DATABASE_URL and closed with the app. */
  dataSource?: DataSource;
  /** A Temporal client; when omitted a lazy connection to TEMPORAL_ADDRESS is made and closed with the app. */
  temporalClient?: Client;
  /** JSON body size limit (default 100kb): larger bodies get 413. */
  bodyLimit?: string;
  /** false: build the routes without starting anything (no database, no Temporal): for the OpenAPI dump. */
  init?: boolean;
}

/** The OpenAPI document of the API, as `/api/docs-json` serves it and the web app's client is generated from. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Service-order tracking API')
      .setDescription(
        'Orders are durable Temporal workflows. Staff sign in at POST /api/auth/login and send `Authorization: Bearer <accessToken>`; ' +
          "customers send the order's customerToken (shown once at intake) the same way. Every error has the body " +
          '`{statusCode, error, message, details?}`.',
      )
      .setVersion('1.0')
      // Relative: the document works on whatever host and scheme it was fetched from.
      .addServer('/', 'this API')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or customer token' })
      .addCookieAuth(
        CODEC_SESSION_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          name: CODEC_SESSION_COOKIE,
          description: 'Codec session of an admin (POST /api/codec/session), for the Temporal Web UI',
        },
        CODEC_SESSION_SECURITY,
      )
      .build(),
  );
  // package.json's "UNLICENSED": proprietary, no licence granted; the URL says what that value means.
  document.info.license = {
    name: 'UNLICENSED (proprietary)',
    url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#license',
  };
  return finishOpenApiDocument(document);
}

/**
 * helmet with a strict CSP that still works over plain HTTP on any host name: no `upgrade-insecure-requests`
 * (it made browsers fetch the docs' assets over https, which nothing serves, and the page stayed blank)
 * and Strict-Transport-Security only when the API is reached over HTTPS (API_HTTPS=true).
 */
export function securityHeaders(config: Pick<AppConfig, 'API_HTTPS'>) {
  return helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: config.API_HTTPS ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** The Temporal client of the API: same address, namespace, TLS and payload codec as the workers. */
export function createTemporalClient(config: AppConfig): Client {
  const target = temporalTarget(config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');
  const { address, tls, apiKey, metadata } = target.connectionOptions;
  // Lazy: the API starts (and /api/health answers 503) while Temporal is still down.
  const connection = Connection.lazy({ address, tls, apiKey, metadata, connectTimeout: 5_000 });
  return new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ? target.namespace : config.TEMPORAL_NAMESPACE,
    dataConverter: createDataConverter(config),
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies must be JSON: anything else is refused before it reaches validation. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (
    BODY_METHODS.has(req.method) &&
    hasBody &&
    !req.is('application/json') &&
    !req.is('application/*+json')
  ) {
    const refusal = new ApiException(
      ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Send the request body as application/json',
    );
    sendError(res, statusOf(refusal.code), refusal.message);
    return;
  }
  next();
}

/**
 * JSON body parsing with the size and depth limits; its errors (invalid or over-deep JSON → 400, too
 * large → 413) are answered here with the shared error body, before any route runs.
 */
function jsonBody(limit: string) {
  const parse = json({ limit, strict: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (error?: unknown) => {
      if (!error && !nestedDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
      const refusal = error
        ? (toApiException(error) ??
          ApiException.validation([{ field: 'body', reasons: ['could not be read'] }]))
        : ApiException.validation(
            [{ field: 'body', reasons: [`nested deeper than ${MAX_JSON_DEPTH} levels`] }],
            'The request body is nested too deeply',
          );
      sendError(res, statusOf(refusal.code), refusal.message, refusal.details);
    });
  };
}

/** Builds the configured HTTP application (shared by main.ts and the tests); call `listen` or `getHttpServer` on it. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const closers: (() => Promise<void>)[] = [];
  let dataSource = options.dataSource;
  if (!dataSource) {
    if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the API (npm start sets it)');
    dataSource = createDataSource(config.DATABASE_URL);
    await dataSource.initialize();
    const owned = dataSource;
    closers.push(() => owned.destroy());
  }
  let temporalClient = options.temporalClient;
  if (!temporalClient) {
    temporalClient = createTemporalClient(config);
    const owned = temporalClient;
    closers.push(() => owned.connection.close());
  }

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      config,
      dataSource,
      temporalClient,
      loginRateLimit: {
        failuresPerUsername: config.LOGIN_ATTEMPTS_PER_MINUTE,
        attemptsPerAddress: config.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
        windowMs: 60_000,
      },
      release: async () => {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    }),
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.use(securityHeaders(config));
  app.use(metricsMiddleware(app.get(MetricsService)));
  app.use(requireJson);
  // Codec batches (payloads of a whole history page) are larger than any command body.
  const commandBody = jsonBody(options.bodyLimit ?? '100kb');
  const codecBody = jsonBody('4mb');
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/codec/') ? codecBody : commandBody)(req, res, next),
  );
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  // Nest tries global filters last-registered first: Temporal errors first, then everything else.
  app.useGlobalFilters(new ApiExceptionFilter(), new TemporalExceptionFilter());

  SwaggerModule.setup('api/docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });

  if (options.init === false) return app;
  await app.init();
  return app;
}
