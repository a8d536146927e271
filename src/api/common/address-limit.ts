import { WindowCounter } from '../auth/login-throttle';

export type AddressAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** At most `requests` per `windowMs`. */
export interface AddressQuota {
  requests: number;
  windowMs: number;
}

/**
 * Requests of one kind per client address, in fixed windows like the login throttle (the self-service
 * codes, the customer's fresh links). In memory: it protects one API instance from one client; limits that
 * must hold across instances are counted in the database by their owners.
 */
export class AddressLimit {
  private readonly requests: WindowCounter;

  constructor(
    private readonly limit: AddressQuota,
    private readonly now: () => number = Date.now,
  ) {
    this.requests = new WindowCounter(limit.windowMs, now);
  }

  admit(address: string): AddressAdmission {
    const window = this.requests.hit(address);
    if (window.hits <= this.limit.requests) return { admitted: true };
    return {
      admitted: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000)),
    };
  }
}
