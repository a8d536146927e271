/** The login limits, each counted per window. */
export interface LoginRateLimit {
  /** Failed logins per username, then 429 for that username (even with the right password). */
  failuresPerUsername: number;
  /** Login attempts of any outcome per client address: looser, so an office behind one NAT can sign in. */
  attemptsPerAddress: number;
  windowMs: number;
}

export type LoginAdmission =
  /** `release` gives back the failure reserved for the username: call it when the attempt did not fail. */
  { admitted: true; release: () => void } | { admitted: false; message: string; retryAfterSeconds: number };

interface Window {
  hits: number;
  endsAt: number;
}

/** Hits per key in fixed windows that start at a key's first hit (what @nestjs/throttler did). */
export class WindowCounter {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  current(key: string): Window | undefined {
    const window = this.windows.get(key);
    return window && window.endsAt > this.now() ? window : undefined;
  }

  hit(key: string): Window {
    this.sweep();
    let window = this.current(key);
    if (!window) {
      window = { hits: 0, endsAt: this.now() + this.windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return window;
  }

  /** Takes back one hit of `window`; a window that has since been replaced is left alone. */
  unhit(key: string, window: Window): void {
    window.hits = Math.max(0, window.hits - 1);
    if (window.hits === 0 && this.windows.get(key) === window) this.windows.delete(key);
  }

  // Keys are whatever clients send (any username), so expired windows are dropped once per window.
  private sweep(): void {
    const now = this.now();
    if (now < this.sweepAt) return;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    this.sweepAt = now + this.windowMs;
  }
}

/**
 * Counts every attempt against the client address and failed attempts against the username. A failure is
 * reserved when the attempt is admitted and given back when it succeeds, so concurrent guesses cannot
 * overrun the username limit while their passwords are being checked.
 */
export class LoginThrottle {
  private readonly byAddress: WindowCounter;
  private readonly failuresByUsername: WindowCounter;

  constructor(
    private readonly limits: LoginRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.byAddress = new WindowCounter(limits.windowMs, now);
    this.failuresByUsername = new WindowCounter(limits.windowMs, now);
  }

  admit(address: string, username: string | undefined): LoginAdmission {
    const fromAddress = this.byAddress.hit(address);
    if (fromAddress.hits > this.limits.attemptsPerAddress) {
      return this.refuse('Too many login attempts from this address', fromAddress);
    }
    // A body without a string username fails validation (400) and names no account to protect.
    if (username === undefined) return { admitted: true, release: () => undefined };
    const failed = this.failuresByUsername.current(username);
    if (failed && failed.hits >= this.limits.failuresPerUsername) {
      return this.refuse('Too many failed login attempts for this username', failed);
    }
    const reserved = this.failuresByUsername.hit(username);
    return { admitted: true, release: () => this.failuresByUsername.unhit(username, reserved) };
  }

  private refuse(reason: string, window: Window): LoginAdmission {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
    return { admitted: false, message: `${reason}; try again in ${retryAfterSeconds} s`, retryAfterSeconds };
  }
}
