import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../common/error-body';
import { CODEC_OPTIONS, codecCorsOrigins, type CodecModuleOptions } from './codec.options';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Namespace';

/**
 * CORS for the Temporal Web UI, which calls the codec from the browser on its own origin. A middleware, not
 * app.enableCors: it covers only these routes, and it answers the preflight before any guard asks for a token
 * (browsers never send Authorization on a preflight).
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(@Inject(CODEC_OPTIONS) options: CodecModuleOptions) {
    this.origins = new Set(codecCorsOrigins(options.config));
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    const allowed = typeof origin === 'string' && this.origins.has(origin);
    response.vary('Origin');
    if (allowed) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      // The UI's "Include cross-origin credentials" setting sends cookies / auth with credentials: 'include'.
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method !== 'OPTIONS') return next();

    if (origin !== undefined && !allowed) {
      sendError(response, 403, `Origin ${origin} may not call the codec endpoint`);
      return;
    }
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  }
}
