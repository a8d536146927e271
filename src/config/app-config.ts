import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every environment variable the product reads. `.env.example` lists them with their defaults. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection; unset means `npm start` runs an embedded PostgreSQL under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  /** Temporal frontend host:port; unset means `npm start` runs `temporal server start-dev`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TEMPORAL_ADDRESS?: string;

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'service-orders';

  /** How long an API request waits on Temporal before answering 503 (reads wait half as long). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  TEMPORAL_CALL_TIMEOUT_MS = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  /** Where embedded services keep their data (SQLite file of the Temporal dev server, embedded PostgreSQL). */
  @IsString()
  DATA_DIR = '.data';

  /** The built web app (`npm run web:build`), served at `/`; when the folder has no index.html the API serves none. */
  @IsString()
  WEB_DIST_DIR = 'web/dist';

  /**
   * True when clients reach the API over HTTPS only (TLS at a proxy in front of it): the API then sends
   * Strict-Transport-Security. False (the default) never sends it, so plain-HTTP hosts keep working.
   */
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? false : value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'API_HTTPS must be true or false' })
  API_HTTPS = false;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

  @IsString()
  JWT_EXPIRES_IN = '8h';

  /** Failed logins allowed per username and minute (then 429 for that username). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE = 10;

  /** Login attempts of any outcome per client address and minute (then 429): looser, for offices behind a NAT. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 100;

  /**
   * How long the API keeps a caller's users row (roles, region, active) without hearing of a change; every
   * change is announced to every API process at once, so this only bounds a missed one. 0 reads it per request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUTH_USER_CACHE_TTL_MS = 60_000;

  /**
   * How long the API keeps the SLA policy in force and business calendars for intakes, on the same terms as
   * AUTH_USER_CACHE_TTL_MS. 0 reads them on every intake.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  POLICY_CACHE_TTL_MS = 60_000;

  @IsString()
  ADMIN_USERNAME = 'admin';

  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD = 'admin-password';

  /** Key for the payload codec that encrypts customer personal data in Temporal payloads (32 bytes, base64). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  // Exactly 44 characters: 42 free, a 43rd whose 2 low bits are zero, one '=' (what `openssl rand -base64 32` prints).
  @Matches(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, {
    message:
      'PAYLOAD_ENCRYPTION_KEY must be the base64 of exactly 32 bytes (generate one with `openssl rand -base64 32`)',
  })
  PAYLOAD_ENCRYPTION_KEY?: string;

  /**
   * Keys used before PAYLOAD_ENCRYPTION_KEY (comma-separated, same format): still read, never written, so a
   * key can be rotated without losing the histories it encrypted.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? value.split(',').map((key) => key.trim()) : [],
  )
  @IsArray()
  @Matches(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, {
    each: true,
    message: 'PAYLOAD_PREVIOUS_ENCRYPTION_KEYS must list base64 keys of exactly 32 bytes, comma-separated',
  })
  PAYLOAD_PREVIOUS_ENCRYPTION_KEYS: string[] = [];

  /** Browser origins allowed to call the codec endpoint (comma-separated); unset means the local Temporal Web UI. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/, {
    message:
      'CODEC_CORS_ORIGINS must be comma-separated origins such as http://localhost:8233 (scheme, host, port; no path)',
  })
  CODEC_CORS_ORIGINS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'Service Orders <no-reply@service-orders.local>';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  WEBHOOK_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  WEBHOOK_SECRET?: string;

  /** Base URL of the web app as customers reach it (links in customer messages, the service-request QR code). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @Matches(/[^/]$/, { message: 'PUBLIC_BASE_URL must not end in /' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Key of the signed customer links; unset: one derived from JWT_SECRET. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CUSTOMER_LINK_SECRET must be at least 32 characters' })
  CUSTOMER_LINK_SECRET?: string;

  /** How long a link in a customer message opens the order's page (`90s`, `30m`, `72h`, `7d`). */
  @Matches(/^(\d+[smhd])+$/, { message: 'CUSTOMER_LINK_TTL must be a duration such as 72h or 3d' })
  CUSTOMER_LINK_TTL = '72h';

  /** Time zone the customer's messages show times in. */
  @IsString()
  CUSTOMER_TIME_ZONE = 'Asia/Shanghai';

  /** ISO 4217 code amounts in customer messages are shown in. */
  @Matches(/^[A-Z]{3}$/, { message: 'CURRENCY must be an ISO 4217 code such as CNY' })
  CURRENCY = 'CNY';

  /** Country a phone number typed without +country code belongs to (ISO 3166 alpha-2). */
  @Matches(/^[A-Z]{2}$/, { message: 'DEFAULT_PHONE_COUNTRY must be an ISO 3166 alpha-2 code such as CN' })
  DEFAULT_PHONE_COUNTRY = 'CN';

  /**
   * SMS channel: `none` (no SMS rows), `sink` (kept in the sms_sink_messages table: development and tests)
   * or `http` (POSTed to SMS_GATEWAY_URL).
   */
  @IsIn(['none', 'sink', 'http'])
  SMS_PROVIDER: 'none' | 'sink' | 'http' = 'none';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SMS_GATEWAY_URL?: string;

  /** Bearer token the gateway expects. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_TOKEN?: string;

  /** Sender id or number the gateway sends from. */
  @IsString()
  @MinLength(1)
  SMS_SENDER = 'ServiceOrders';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Where a worker serves the Temporal SDK's Prometheus metrics (`/metrics`); empty disables them. An IP
   * literal, not a host name (the SDK's exporter binds a socket address). One port per worker process.
   */
  @Matches(/^$|^(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/, {
    message:
      'WORKER_METRICS_ADDRESS must be ip:port such as 127.0.0.1:9464 or 0.0.0.0:9464 (no host name), or empty to disable',
  })
  WORKER_METRICS_ADDRESS = '127.0.0.1:9464';

  /**
   * Workflow runs a worker keeps in memory between their tasks (the sticky cache). Bounds the worker's
   * memory (about 0.3–0.6 MB per cached order); an order evicted from it replays its history on its next
   * task. See README "Benchmarks" for the figures behind the default.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  /** Workflow tasks a worker runs at once (at least 2 while the cache is on). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  /** Activities a worker runs at once; each may hold a database connection while it runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;
}

export class ConfigError extends Error {}

/** Validates an environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = plainToInstance(AppConfig, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    // SPEC §4: webhooks are signed; an unsigned one would let anybody forge events to the receiver.
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_SECRET: required when WEBHOOK_URL is set');
  }
  if (config.SMS_PROVIDER === 'http' && !config.SMS_GATEWAY_URL) {
    throw new ConfigError('Invalid configuration:\n  SMS_GATEWAY_URL: required when SMS_PROVIDER is http');
  }
  if (config.NODE_ENV === 'production') {
    const defaults = new AppConfig();
    const unsafe = (['JWT_SECRET', 'ADMIN_PASSWORD'] as const).filter((key) => config[key] === defaults[key]);
    if (unsafe.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n${unsafe.map((k) => `  ${k}: the default value is refused in production`).join('\n')}`,
      );
    }
  }
  return config;
}
