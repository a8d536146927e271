// The order scripts of the fault run: each order follows one, chosen round-robin, and the set covers every
// stage of the lifecycle, refusals (403 wrong role, 409 wrong state, 400/422 bad input), commands sent
// twice with one Idempotency-Key, and orders left to the timers (acceptance timeout, acceptance window,
// escalation ladders). A script ends with the status it expects the order to reach.
import type { OrderStatus, OrderType } from '../../src/domain';
import { appointmentIn, intakeBody, NEEDS_APPROVAL } from '../factories/orders';
import type { ApiClient, CommandRecord, HttpAnswer } from './api-client';
import { ACCEPTANCE_TIMEOUT_TYPE, AUTO_ACCEPT_TYPE } from './policies';
import { sleep } from './stack';

export interface Person {
  id: string;
  username: string;
  token: string;
  roles: string[];
}

export interface Crew {
  admin: Person;
  agents: Person[];
  supervisor: Person;
  dispatcher: Person;
  finance: Person;
  technicians: Person[];
  byId: Map<string, Person>;
}

/** The fields of the order view the scripts read. */
export interface View {
  orderNo?: string;
  status?: OrderStatus;
  technicianId?: string | null;
  excludedTechnicianIds?: string[];
  partsRequests?: { id: string; receivedAt: string | null }[];
  escalations?: { stageKey: string; level: number }[];
  feedbackCase?: { ownerId: string | null; status: string } | null;
  [key: string]: unknown;
}

export class ScriptError extends Error {}

export interface Script {
  name: string;
  type: OrderType;
  /** The status the order must end in. */
  final: OrderStatus;
  run: (o: OrderRun) => Promise<void>;
}

export interface RunOptions {
  /** Longest a script waits for a timer-driven change. */
  waitTimeoutMs: number;
  thinkMs: [number, number];
  /** Set when the run is over: scripts stop at their next step. */
  aborted: () => boolean;
}

let technicianTurn = 0;

/** One order driven through the API by its script. */
export class OrderRun {
  orderNo = '';
  customerToken = '';
  view: View = {};
  readonly steps: string[] = [];
  failure: string | null = null;
  finished = false;
  startedAt = 0;
  endedAt = 0;
  readonly children: OrderRun[] = [];

  constructor(
    readonly index: number,
    readonly script: Script,
    private readonly api: ApiClient,
    readonly crew: Crew,
    private readonly options: RunOptions,
  ) {}

  get label(): string {
    return `${this.orderNo || `order #${this.index}`} (${this.script.name})`;
  }

  get agent(): Person {
    return this.crew.agents[this.index % this.crew.agents.length];
  }

  async run(): Promise<void> {
    this.startedAt = Date.now();
    try {
      await this.script.run(this);
      this.finished = true;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.steps.push(`FAILED: ${this.failure}`);
    } finally {
      this.endedAt = Date.now();
    }
  }

  /** The technician the order is assigned to now. */
  technician(): Person {
    const id = this.view.technicianId;
    const person = id ? this.crew.byId.get(id) : undefined;
    if (!person) throw new ScriptError(`${this.label}: no known technician assigned (technicianId ${id})`);
    return person;
  }

  /** A technician other than the ones named, round-robin (manual dispatch). */
  otherTechnician(...not: (string | null | undefined)[]): Person {
    for (let i = 0; i < this.crew.technicians.length; i++) {
      const candidate = this.crew.technicians[technicianTurn++ % this.crew.technicians.length];
      if (!not.includes(candidate.id)) return candidate;
    }
    throw new ScriptError('no other technician');
  }

  async intake(
    overrides: Record<string, unknown>,
    expect: OrderStatus,
    { duplicate = false }: { duplicate?: boolean } = {},
  ): Promise<void> {
    this.checkAborted();
    const body = intakeBody({ type: this.script.type, ...overrides });
    const key = `faults-intake-${this.index}-${Date.now()}`;
    const group = duplicate ? `intake-${this.index}` : undefined;
    const first = await this.api.command(this.agent.token, 'POST', '/orders', body, {
      orderNo: null,
      action: 'INTAKE',
      key,
      duplicateGroup: group,
    });
    if (first.status !== 201) throw this.unexpected('intake', first);
    this.orderNo = String(first.body.orderNo);
    this.customerToken = String(first.body.customerToken);
    first.record.orderNo = this.orderNo;
    this.view = { status: first.body.status as OrderStatus };
    this.steps.push(`intake → ${first.status} ${String(first.body.status)}`);
    if (first.body.status !== expect) throw this.unexpected('intake', first, expect);
    if (duplicate) {
      const again = await this.api.command(this.agent.token, 'POST', '/orders', body, {
        orderNo: this.orderNo,
        action: 'INTAKE',
        key,
        duplicateGroup: group,
      });
      this.steps.push(`intake again (same key) → ${again.status} ${String(again.body.orderNo)}`);
      if (again.status === 201 && again.body.orderNo !== this.orderNo) {
        throw new ScriptError(
          `${this.label}: intake repeated with the same key opened another order ${String(again.body.orderNo)}`,
        );
      }
    }
  }

  /**
   * A command that must be applied, leaving the order in one of `expect`. After a retry, a refusal whose
   * order already shows the wanted state means the first attempt applied it: recorded, and the run goes on.
   */
  async cmd(
    who: Person | 'customer',
    endpoint: string,
    body: object,
    action: string | null,
    expect: OrderStatus | OrderStatus[],
    extra: { key?: string; duplicateGroup?: string } = {},
  ): Promise<View> {
    this.checkAborted();
    await this.think();
    const answer = await this.send(who, endpoint, body, action, extra);
    const wanted = Array.isArray(expect) ? expect : [expect];
    this.steps.push(
      `${endpoint} → ${answer.status} ${String(answer.body.status ?? answer.body.message ?? '')}`,
    );
    if (answer.status >= 200 && answer.status < 300) {
      this.adopt(answer.body);
      if (!wanted.includes(this.view.status as OrderStatus)) throw this.unexpected(endpoint, answer, wanted);
      return this.view;
    }
    const retried = answer.record.attempts.length > 1;
    if (retried && [409, 422].includes(answer.status)) {
      // The first attempt may have been applied and still be running (its handler waits for activities).
      const now = await this.waitFor(
        `the order after a refused retry of ${endpoint}`,
        (view) => wanted.includes(view.status as OrderStatus),
        60_000,
      ).catch(() => this.view);
      if (wanted.includes(now.status as OrderStatus)) {
        answer.record.appliedDespiteAnswer = true;
        this.steps.push(
          `${endpoint}: answered ${answer.status} after a retry, but the order is ${now.status}`,
        );
        return now;
      }
    }
    throw this.unexpected(endpoint, answer, wanted);
  }

  /** A command that must be refused with `code`; it must change nothing. */
  async refuse(who: Person | 'customer', endpoint: string, body: object, code: number): Promise<void> {
    this.checkAborted();
    await this.think();
    const answer = await this.send(who, endpoint, body, null, { expectRefusal: code });
    this.steps.push(`${endpoint} (must be ${code}) → ${answer.status}`);
  }

  /**
   * The same command twice with one Idempotency-Key, one after the other or at once. The first applied
   * answer drives the script; the end checks compare both answers and count the effects.
   */
  async twice(
    mode: 'sequential' | 'concurrent',
    who: Person | 'customer',
    endpoint: string,
    body: object,
    action: string,
    expect: OrderStatus | OrderStatus[],
  ): Promise<View> {
    const key = `faults-dup-${this.index}-${endpoint}-${Date.now()}`;
    const group = `${this.orderNo}:${endpoint}:${key}`;
    if (mode === 'sequential') {
      const view = await this.cmd(who, endpoint, body, action, expect, { key, duplicateGroup: group });
      const again = await this.send(who, endpoint, body, action, { key, duplicateGroup: group });
      this.steps.push(`${endpoint} again (same key) → ${again.status}`);
      return view;
    }
    this.checkAborted();
    await this.think();
    const answers = await Promise.all([
      this.send(who, endpoint, body, action, { key, duplicateGroup: group }),
      this.send(who, endpoint, body, action, { key, duplicateGroup: group }),
    ]);
    this.steps.push(`${endpoint} ×2 at once (same key) → ${answers.map((a) => a.status).join(', ')}`);
    const applied = answers.find((a) => a.status >= 200 && a.status < 300);
    if (!applied) throw this.unexpected(endpoint, answers[0], Array.isArray(expect) ? expect : [expect]);
    this.adopt(applied.body);
    return this.view;
  }

  /** Polls the order (as admin) until `ready` holds; fails the script after the wait timeout. */
  async waitFor(
    what: string,
    ready: (view: View) => boolean,
    timeoutMs = this.options.waitTimeoutMs,
  ): Promise<View> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.checkAborted();
      const view = await this.read();
      if (ready(view)) {
        this.steps.push(`waited for ${what}`);
        return view;
      }
      if (Date.now() > deadline) {
        throw new ScriptError(
          `${this.label}: ${what} did not happen within ${timeoutMs / 1000}s (status ${view.status}, escalations ${JSON.stringify(view.escalations?.map((e) => `${e.stageKey}:${e.level}`))})`,
        );
      }
      await sleep(2_000);
    }
  }

  async read(): Promise<View> {
    const answer = await this.api.get<View>(this.crew.admin.token, `/orders/${this.orderNo}`, this.orderNo);
    if (answer.status !== 200) {
      throw new ScriptError(
        `${this.label}: GET answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    }
    this.view = answer.body;
    return this.view;
  }

  /** A warranty claim on this (closed) order: a new linked order that follows its own small script. */
  async warrantyClaim(childScript: Script): Promise<OrderRun> {
    this.checkAborted();
    const child = new OrderRun(this.index + 100_000, childScript, this.api, this.crew, this.options);
    this.children.push(child);
    child.startedAt = Date.now();
    const answer = await this.api.command(
      this.agent.token,
      'POST',
      `/orders/${this.orderNo}/warranty-claims`,
      { faultDescription: 'The unit stopped again' },
      { orderNo: null, action: 'INTAKE' },
    );
    this.steps.push(
      `warranty-claims → ${answer.status} ${String(answer.body.orderNo ?? answer.body.message)}`,
    );
    if (answer.status !== 201) {
      child.failure = `warranty claim on ${this.orderNo} answered ${answer.status}`;
      throw this.unexpected('warranty-claims', answer);
    }
    child.orderNo = String(answer.body.orderNo);
    child.customerToken = String(answer.body.customerToken);
    answer.record.orderNo = child.orderNo;
    child.view = { status: answer.body.status as OrderStatus };
    return child;
  }

  private async send(
    who: Person | 'customer',
    endpoint: string,
    body: object,
    action: string | null,
    extra: { key?: string; duplicateGroup?: string; expectRefusal?: number },
  ): Promise<HttpAnswer & { record: CommandRecord }> {
    const token = who === 'customer' ? this.customerToken : who.token;
    return this.api.command(token, 'POST', `/orders/${this.orderNo}/${endpoint}`, body, {
      orderNo: this.orderNo,
      action,
      ...extra,
    });
  }

  private adopt(body: Record<string, unknown>): void {
    // The customer's answer is the customer view: keep what staff views said about the rest.
    this.view = { ...this.view, ...(body as View) };
  }

  private unexpected(endpoint: string, answer: HttpAnswer, wanted?: string | string[]): ScriptError {
    const want = wanted ? ` (wanted ${[wanted].flat().join('|')})` : '';
    return new ScriptError(
      `${this.label}: ${endpoint} answered ${answer.status} ${String(answer.body.status ?? '')}${want}: ${JSON.stringify(answer.body).slice(0, 300)}`,
    );
  }

  private checkAborted(): void {
    if (this.options.aborted()) throw new ScriptError(`${this.label}: the run ended before the script did`);
  }

  private async think(): Promise<void> {
    const [min, max] = this.options.thinkMs;
    await sleep(min + Math.random() * (max - min));
  }
}

// ---- Building blocks ----------------------------------------------------------------------------

const escalated = (stageKey: string, level: number) => (view: View) =>
  (view.escalations ?? []).some((e) => e.stageKey === stageKey && e.level >= level);

async function review(o: OrderRun, expect: OrderStatus | OrderStatus[]): Promise<void> {
  await o.cmd(o.agent, 'review', { decision: 'APPROVE', note: 'complete' }, 'REVIEW_APPROVE', expect);
}

async function assignManually(o: OrderRun, action: 'ASSIGN' | 'REASSIGN' = 'ASSIGN'): Promise<void> {
  const technician = o.otherTechnician(o.view.technicianId, ...(o.view.excludedTechnicianIds ?? []));
  await o.cmd(o.crew.dispatcher, 'assignment', { technicianId: technician.id }, action, 'ASSIGNED');
}

async function accept(o: OrderRun): Promise<void> {
  await o.cmd(o.technician(), 'technician-response', { decision: 'ACCEPT' }, 'TECHNICIAN_ACCEPT', 'ACCEPTED');
}

interface FieldWork {
  parts?: boolean;
  duplicateContact?: boolean;
  duplicateProgress?: boolean;
  chase?: boolean;
  refuseCancelOnSite?: boolean;
}

/** From ASSIGNED to PENDING_QC. */
async function fieldWork(o: OrderRun, work: FieldWork = {}): Promise<void> {
  await accept(o);
  const technician = o.technician();
  if (work.chase) await o.cmd(o.agent, 'chase', { note: 'Customer asks when' }, 'CHASE', 'ACCEPTED');
  if (work.duplicateContact) {
    await o.twice(
      'sequential',
      technician,
      'contact',
      { note: 'Called the customer' },
      'LOG_CONTACT',
      'ACCEPTED',
    );
  } else {
    await o.cmd(technician, 'contact', { note: 'Called the customer' }, 'LOG_CONTACT', 'ACCEPTED');
  }
  await o.cmd(technician, 'check-in', { lat: 31.2301, lng: 121.4701 }, 'CHECK_IN', 'ON_SITE');
  if (work.refuseCancelOnSite) await o.refuse(o.agent, 'cancel', { reason: 'too late' }, 409);
  const progress = { milestone: 'IN_PROGRESS', note: 'Working on it' };
  if (work.duplicateProgress) {
    await o.twice('concurrent', technician, 'progress', progress, 'REPORT_PROGRESS', 'IN_PROGRESS');
  } else {
    await o.cmd(technician, 'progress', progress, 'REPORT_PROGRESS', 'IN_PROGRESS');
  }
  if (work.parts) {
    const requested = await o.cmd(
      technician,
      'parts-requests',
      { items: [{ code: 'VALVE-7', quantity: 2 }] },
      'REQUEST_PARTS',
      'IN_PROGRESS',
    );
    const open = (requested.partsRequests ?? []).find((r) => r.receivedAt === null);
    if (!open) throw new ScriptError(`${o.label}: the parts request is not on the order`);
    await o.cmd(technician, `parts-requests/${open.id}/received`, {}, 'RECEIVE_PARTS', 'IN_PROGRESS');
  }
  await complete(o);
}

async function complete(o: OrderRun): Promise<void> {
  await o.cmd(
    o.technician(),
    'completion',
    { summary: 'Done and tested', partsUsed: [], laborHours: 1.5 },
    'COMPLETE',
    'PENDING_QC',
  );
}

async function qcPass(o: OrderRun): Promise<void> {
  await o.cmd(o.crew.supervisor, 'qc', { result: 'PASS', note: 'ok' }, 'QC_PASS', 'PENDING_ACCEPTANCE');
}

async function customerAccepts(o: OrderRun, rating = 5): Promise<void> {
  await o.cmd(
    'customer',
    'customer-acceptance',
    { decision: 'ACCEPT', rating, comment: 'thanks' },
    'CUSTOMER_ACCEPT',
    'COMPLETED',
  );
}

/** Return visit, settlement (and the feedback case when one is open): COMPLETED → CLOSED. */
async function afterWork(
  o: OrderRun,
  {
    feedback = false,
    duplicateSettlement = false,
    amount = 300,
  }: { feedback?: boolean; duplicateSettlement?: boolean; amount?: number } = {},
): Promise<void> {
  await o.cmd(
    o.agent,
    'callback',
    { reached: true, satisfied: true, note: 'happy' },
    'CALLBACK',
    'COMPLETED',
  );
  const settlement = { amount, paymentMethod: 'CARD', invoiceNo: `INV-${o.orderNo}` };
  const settled: OrderStatus = feedback ? 'COMPLETED' : 'CLOSED';
  if (duplicateSettlement)
    await o.twice('sequential', o.crew.finance, 'settlement', settlement, 'SETTLE', settled);
  else await o.cmd(o.crew.finance, 'settlement', settlement, 'SETTLE', settled);
  if (feedback) {
    const view = await o.waitFor('the feedback case', (v) => v.feedbackCase?.status === 'OPEN');
    const owner =
      (view.feedbackCase?.ownerId && o.crew.byId.get(view.feedbackCase.ownerId)) || o.crew.supervisor;
    await o.refuse(o.crew.finance, 'feedback-resolution', { resolution: 'not mine' }, 403);
    await o.cmd(
      owner,
      'feedback-resolution',
      { resolution: 'Called back, refunded the visit' },
      'RESOLVE_FEEDBACK',
      'CLOSED',
    );
  }
}

const AUTO = { dispatchMode: 'AUTO' };
const SUPERVISOR = { dispatchMode: 'SUPERVISOR' };
const COMPLEX = { dispatchMode: 'SUPERVISOR', ...NEEDS_APPROVAL };

// A warranty order copies the original without its (past) appointment, so it starts in INFO_REQUIRED.
const warrantyChild: Script = {
  name: 'warranty-claim-order',
  type: 'INSTALLATION',
  final: 'REJECTED',
  run: async (o) => {
    if (o.view.status !== 'INFO_REQUIRED') {
      throw new ScriptError(`${o.label}: the warranty order started in ${o.view.status}, not INFO_REQUIRED`);
    }
    await o.cmd(
      o.agent,
      'info',
      { details: { appointment: appointmentIn(72) } },
      'SUPPLY_INFO',
      'PENDING_REVIEW',
    );
    await o.cmd(
      o.agent,
      'review',
      { decision: 'REJECT', note: 'misuse, not covered' },
      'REVIEW_REJECT',
      'REJECTED',
    );
  },
};

export const SCRIPTS: Script[] = [
  {
    name: 'happy-auto',
    type: 'INSTALLATION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await o.refuse(o.crew.finance, 'review', { decision: 'APPROVE' }, 403);
      await review(o, 'ASSIGNED');
      await o.refuse(
        o.crew.finance,
        'settlement',
        { amount: 300, paymentMethod: 'CASH', invoiceNo: 'X-1' },
        409,
      );
      await fieldWork(o, { duplicateContact: true });
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
  {
    name: 'parts-supervisor-dispatch',
    type: 'REPAIR',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await o.refuse(o.agent, 'review', { decision: 'MAYBE' }, 400);
      await review(o, 'PENDING_DISPATCH');
      await assignManually(o);
      await fieldWork(o, { parts: true, refuseCancelOnSite: true });
      await qcPass(o);
      await customerAccepts(o, 4);
      await afterWork(o);
    },
  },
  {
    name: 'complex-approval',
    type: 'INSTALLATION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(COMPLEX, 'PENDING_REVIEW');
      await review(o, 'PENDING_APPROVAL');
      await o.refuse(o.agent, 'approval', { decision: 'APPROVE' }, 403);
      await o.twice(
        'concurrent',
        o.crew.supervisor,
        'approval',
        { decision: 'APPROVE', comment: 'ok' },
        'APPROVE',
        'PENDING_DISPATCH',
      );
      await assignManually(o);
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o, { amount: 6000 });
    },
  },
  {
    name: 'review-reject',
    type: 'MAINTENANCE',
    final: 'REJECTED',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await o.twice(
        'sequential',
        o.agent,
        'review',
        { decision: 'REJECT', note: 'duplicate request' },
        'REVIEW_REJECT',
        'REJECTED',
      );
      await o.refuse(o.agent, 'cancel', { reason: 'already rejected' }, 409);
    },
  },
  {
    name: 'approval-reject',
    type: 'INSTALLATION',
    final: 'REJECTED',
    run: async (o) => {
      await o.intake({ ...SUPERVISOR, priority: 'URGENT' }, 'PENDING_REVIEW');
      await review(o, 'PENDING_APPROVAL');
      await o.refuse(o.crew.supervisor, 'qc', { result: 'PASS' }, 409);
      await o.cmd(
        o.crew.supervisor,
        'approval',
        { decision: 'REJECT', comment: 'not now' },
        'REJECT_APPROVAL',
        'REJECTED',
      );
    },
  },
  {
    name: 'cancel-before-on-site',
    type: 'MAINTENANCE',
    final: 'CANCELLED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await accept(o);
      const technician = o.technician();
      await o.cmd(o.agent, 'cancel', { reason: 'customer moved' }, 'CANCEL', 'CANCELLED');
      await o.refuse(technician, 'check-in', {}, 409);
    },
  },
  {
    name: 'decline-then-reassign',
    type: 'INSTALLATION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await review(o, 'PENDING_DISPATCH');
      await assignManually(o);
      await o.refuse(o.technician(), 'technician-response', { decision: 'DECLINE' }, 400);
      await o.cmd(
        o.technician(),
        'technician-response',
        { decision: 'DECLINE', reason: 'too far' },
        'TECHNICIAN_DECLINE',
        'PENDING_DISPATCH',
      );
      await assignManually(o);
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
  {
    name: 'decline-auto-redispatch',
    type: 'MAINTENANCE',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      const first = o.technician().id;
      await o.cmd(
        o.technician(),
        'technician-response',
        { decision: 'DECLINE', reason: 'sick' },
        'TECHNICIAN_DECLINE',
        'ASSIGNED',
      );
      if (o.view.technicianId === first)
        throw new ScriptError(`${o.label}: AUTO gave the order back to the technician who declined`);
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
  {
    name: 'qc-fail-then-pass',
    type: 'REPAIR',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await o.refuse(o.crew.supervisor, 'qc', { result: 'FAIL' }, 422);
      await o.cmd(
        o.crew.supervisor,
        'qc',
        { result: 'FAIL', note: 'leaking joint' },
        'QC_FAIL',
        'IN_PROGRESS',
      );
      await o.cmd(
        o.technician(),
        'progress',
        { milestone: 'IN_PROGRESS', note: 'fixing the joint' },
        'REPORT_PROGRESS',
        'IN_PROGRESS',
      );
      await complete(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
  {
    name: 'customer-rejects-rework',
    type: 'INSTALLATION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW', { duplicate: true });
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await qcPass(o);
      await o.cmd(
        'customer',
        'customer-acceptance',
        { decision: 'REJECT', comment: 'still noisy' },
        'CUSTOMER_REJECT',
        'ASSIGNED',
      );
      await o.read();
      await accept(o);
      const technician = o.technician();
      await o.cmd(technician, 'check-in', { lat: 31.2301, lng: 121.4701 }, 'CHECK_IN', 'ON_SITE');
      await o.cmd(
        technician,
        'progress',
        { milestone: 'IN_PROGRESS', note: 'rework' },
        'REPORT_PROGRESS',
        'IN_PROGRESS',
      );
      await complete(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
  {
    name: 'low-rating-feedback',
    type: 'MAINTENANCE',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o, 1);
      await afterWork(o, { feedback: true });
    },
  },
  {
    name: 'technician-acceptance-timeout',
    type: ACCEPTANCE_TIMEOUT_TYPE,
    final: 'CANCELLED',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await review(o, 'PENDING_DISPATCH');
      await assignManually(o);
      const silent = o.technician().id;
      await o.waitFor(
        'the acceptance timeout',
        (v) => v.status === 'PENDING_DISPATCH' && (v.excludedTechnicianIds ?? []).includes(silent),
      );
      await o.cmd(o.agent, 'cancel', { reason: 'nobody took it' }, 'CANCEL', 'CANCELLED');
    },
  },
  {
    name: 'acceptance-window-auto-accept',
    type: AUTO_ACCEPT_TYPE,
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await qcPass(o);
      await o.waitFor('the acceptance window to expire', (v) => v.status === 'COMPLETED');
      await o.refuse('customer', 'customer-acceptance', { decision: 'ACCEPT', rating: 5 }, 409);
      await afterWork(o);
    },
  },
  {
    name: 'review-left-to-escalate',
    type: 'INSPECTION',
    final: 'PENDING_REVIEW',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await o.refuse(o.agent, 'chase', { note: 'too early' }, 409);
      await o.waitFor('REVIEW#1 level 3', escalated('REVIEW#1', 3));
    },
  },
  {
    name: 'dispatch-escalates-then-cancel',
    type: 'INSTALLATION',
    final: 'CANCELLED',
    run: async (o) => {
      await o.intake(SUPERVISOR, 'PENDING_REVIEW');
      await review(o, 'PENDING_DISPATCH');
      await o.waitFor('DISPATCH#1 level 2', escalated('DISPATCH#1', 2));
      await o.twice(
        'concurrent',
        o.agent,
        'chase',
        { note: 'customer chasing' },
        'CHASE',
        'PENDING_DISPATCH',
      );
      await o.cmd(o.crew.supervisor, 'cancel', { reason: 'no capacity this week' }, 'CANCEL', 'CANCELLED');
    },
  },
  {
    name: 'info-required-callback-late',
    type: 'REPAIR',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake({ ...AUTO, appointment: undefined }, 'INFO_REQUIRED');
      await o.cmd(
        o.agent,
        'info',
        { details: { appointment: appointmentIn(48) } },
        'SUPPLY_INFO',
        'PENDING_REVIEW',
      );
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o);
      await o.waitFor('CALLBACK#1 level 1', escalated('CALLBACK#1', 1));
      await afterWork(o, { duplicateSettlement: true });
    },
  },
  {
    name: 'warranty-claim',
    type: 'INSTALLATION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await fieldWork(o);
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
      const child = await o.warrantyClaim(warrantyChild);
      await child.run();
    },
  },
  {
    name: 'chase-answered',
    type: 'INSPECTION',
    final: 'CLOSED',
    run: async (o) => {
      await o.intake(AUTO, 'PENDING_REVIEW');
      await review(o, 'ASSIGNED');
      await o.refuse(o.technician(), 'qc', { result: 'PASS' }, 403);
      await fieldWork(o, { chase: true, duplicateProgress: true });
      await qcPass(o);
      await customerAccepts(o);
      await afterWork(o);
    },
  },
];
