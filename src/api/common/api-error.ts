/** Why the API refused a request. Each code maps to exactly one HTTP status in ApiExceptionFilter. */
export enum ApiErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  ACTION_NOT_ALLOWED = 'ACTION_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE = 'UNPROCESSABLE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
}

/** One bad field of a request and every reason it is bad. */
export interface FieldError {
  field: string;
  reasons: string[];
}

/** A refusal the API raises on purpose; rendered as `{statusCode, error, message, details?}`. */
export class ApiException extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiException';
  }

  static validation(details: FieldError[], message = 'The request is malformed'): ApiException {
    return new ApiException(ApiErrorCode.VALIDATION_FAILED, message, details);
  }

  static notFound(message: string): ApiException {
    return new ApiException(ApiErrorCode.NOT_FOUND, message);
  }

  static forbidden(message: string): ApiException {
    return new ApiException(ApiErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'A valid bearer token is required'): ApiException {
    return new ApiException(ApiErrorCode.UNAUTHENTICATED, message);
  }
}
