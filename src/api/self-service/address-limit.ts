import { WindowCounter } from '../auth/login-throttle';
import type { SendLimit } from '../../domain/self-service';

export type AddressAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * Codes asked for per client address, in fixed windows like the login throttle. In memory: it protects one
 * API instance from one client; the per-phone limit, counted in the table, holds across instances.
 */
export class VerificationAddressLimit {
  private readonly requests: WindowCounter;

  constructor(
    private readonly limit: SendLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.requests = new WindowCounter(limit.windowMs, now);
  }

  admit(address: string): AddressAdmission {
    const window = this.requests.hit(address);
    if (window.hits <= this.limit.codes) return { admitted: true };
    return {
      admitted: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000)),
    };
  }
}
