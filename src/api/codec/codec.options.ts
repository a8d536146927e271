import type { AppConfig } from '../../config/app-config';

/** What the codec endpoint reads from the product's configuration. */
export type CodecConfig = Pick<
  AppConfig,
  'PAYLOAD_ENCRYPTION_KEY' | 'JWT_SECRET' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_UI_PORT' | 'CODEC_CORS_ORIGINS'
> &
  Partial<Pick<AppConfig, 'PAYLOAD_PREVIOUS_ENCRYPTION_KEYS'>>;

export interface CodecModuleOptions {
  config: CodecConfig;
  /**
   * Optional second look at an admin's token (e.g. re-read the users table so a deactivated admin is refused
   * before the JWT expires). Return false to refuse with 401. Without it the signed claims are trusted.
   */
  confirmAdmin?: (claims: CodecJwtClaims) => Promise<boolean>;
}

/** The claims of the API's access token that the codec endpoint relies on. */
export interface CodecJwtClaims {
  sub: string;
  roles: string[];
  /** Expiry (seconds since the epoch); a codec session never outlives the token it was made from. */
  exp?: number;
}

/** Provider token holding the CodecModuleOptions (exported for tests and for wiring). */
export const CODEC_OPTIONS = Symbol('CODEC_OPTIONS');

/** CODEC_CORS_ORIGINS split, or the local Web UI of the dev server (both host spellings browsers use). */
export function codecCorsOrigins(
  config: Pick<CodecConfig, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_PORT'>,
): string[] {
  if (config.CODEC_CORS_ORIGINS) {
    return config.CODEC_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter((origin) => origin.length > 0);
  }
  return [`http://localhost:${config.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`];
}
