// The fault run's HTTP client: every command carries an Idempotency-Key, a 503 or a network error is
// retried with the same key (bounded, with backoff, honouring Retry-After), and every call is recorded
// in a ledger that the end checks compare with the timeline.
import { randomUUID } from 'node:crypto';

export interface Attempt {
  at: number;
  ms: number;
  /** HTTP status, or null for a network error / timeout. */
  status: number | null;
  error?: string;
  retryAfterMs?: number;
}

export interface CommandRecord {
  id: number;
  orderNo: string | null;
  method: 'POST' | 'PUT';
  path: string;
  key: string;
  /** The timeline action this command records when it is applied (null: none, e.g. a refusal probe). */
  action: string | null;
  /** A refusal the script expects (400, 403, 409, 422); undefined for commands meant to be applied. */
  expectRefusal?: number;
  /** Set on both sends of a command deliberately sent twice with one key. */
  duplicateGroup?: string;
  /** Final answer after retries; null when every attempt failed on the network. */
  final: number | null;
  attempts: Attempt[];
  startedAt: number;
  endedAt: number;
  /** The script found the command applied although its answer said otherwise (after a retry). */
  appliedDespiteAnswer?: boolean;
  responseBody?: unknown;
}

export interface ReadRecord {
  orderNo: string;
  status: number | null;
  at: number;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

const RETRY = {
  maxAttempts: 10,
  budgetMs: 150_000,
  firstBackoffMs: 500,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 15_000,
};
const ATTEMPT_TIMEOUT_MS = 45_000;

export class ApiClient {
  readonly commands: CommandRecord[] = [];
  readonly reads: ReadRecord[] = [];
  /** Commands currently waiting for an answer (the fault schedule injects while this is > 0). */
  inFlight = 0;
  /** Of those, commands on an existing order: Temporal Updates. */
  inFlightUpdates = 0;
  private nextId = 1;

  constructor(readonly base: string) {}

  /**
   * A command (POST/PUT with a body). Retries 503 and network errors with the same Idempotency-Key.
   * Never throws for an HTTP status; throws only if every attempt failed on the network.
   */
  async command(
    token: string,
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    meta: {
      orderNo: string | null;
      action: string | null;
      expectRefusal?: number;
      key?: string;
      duplicateGroup?: string;
    },
  ): Promise<HttpAnswer & { record: CommandRecord }> {
    const record: CommandRecord = {
      id: this.nextId++,
      orderNo: meta.orderNo,
      method,
      path,
      key: meta.key ?? `faults-${randomUUID()}`,
      action: meta.action,
      expectRefusal: meta.expectRefusal,
      duplicateGroup: meta.duplicateGroup,
      final: null,
      attempts: [],
      startedAt: Date.now(),
      endedAt: 0,
    };
    this.commands.push(record);
    const isUpdate = method === 'POST' && /^\/orders\/[^/]+\/(?!warranty-claims)/.test(path);
    this.inFlight += 1;
    if (isUpdate) this.inFlightUpdates += 1;
    try {
      const answer = await this.withRetries(record, () =>
        fetch(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': record.key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        }),
      );
      record.final = answer.status;
      record.responseBody = answer.body;
      return { ...answer, record };
    } finally {
      this.inFlight -= 1;
      if (isUpdate) this.inFlightUpdates -= 1;
      record.endedAt = Date.now();
    }
  }

  /** A read (GET), retried like a command; 404s on known orders are recorded for the end checks. */
  async get<T = Record<string, unknown>>(
    token: string,
    path: string,
    orderNo?: string,
  ): Promise<HttpAnswer<T>> {
    const scratch: CommandRecord = {
      id: 0,
      orderNo: orderNo ?? null,
      method: 'POST',
      path,
      key: '',
      action: null,
      final: null,
      attempts: [],
      startedAt: Date.now(),
      endedAt: 0,
    };
    const answer = await this.withRetries(scratch, () =>
      fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      }),
    );
    if (orderNo) this.reads.push({ orderNo, status: answer.status, at: Date.now() });
    return answer as HttpAnswer<T>;
  }

  private async withRetries(record: CommandRecord, send: () => Promise<Response>): Promise<HttpAnswer> {
    const deadline = record.startedAt + RETRY.budgetMs;
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let retryAfterMs: number | undefined;
      try {
        const response = await send();
        const text = await response.text();
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { raw: text.slice(0, 500) };
        }
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        record.attempts.push({
          at: started,
          ms: Date.now() - started,
          status: response.status,
          retryAfterMs,
        });
        if (response.status !== 503) return { status: response.status, body };
        if (attempt >= RETRY.maxAttempts || Date.now() > deadline) return { status: response.status, body };
      } catch (error) {
        record.attempts.push({ at: started, ms: Date.now() - started, status: null, error: describe(error) });
        if (attempt >= RETRY.maxAttempts || Date.now() > deadline) throw error;
      }
      const backoff = Math.min(RETRY.maxBackoffMs, RETRY.firstBackoffMs * 2 ** (attempt - 1));
      const wait = Math.min(
        RETRY.maxRetryAfterMs,
        Math.max(retryAfterMs ?? 0, backoff * (0.75 + Math.random() / 2)),
      );
      await new Promise((done) => setTimeout(done, wait));
    }
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${error.message}: ${cause.code ?? cause.message ?? ''}` : `${error.name}: ${error.message}`;
}
