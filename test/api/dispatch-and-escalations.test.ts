// End to end through HTTP only: the dispatch modes (AUTO with its scoring explanation, DIRECT with an eligible
// and an away technician, REGIONAL), manual assignment and reassignment, the workload view; an SLA ladder
// that lapses for real, the escalation list, its filters and acknowledgement, the in-app inbox; a parts
// request pausing the completion clock; a warranty claim refused after the warranty ran out.
import { CUSTOMER_POSITION, intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import { ApiStack, bearer, createStaff, login, startApiStack, type TestUser } from './api-harness';

// Order types no other test file edits the policy of (policies are shared by the parallel files).
const DISPATCH_TYPE = 'MAINTENANCE';
const LADDER_TYPE = 'UPGRADE';
const LONG = '900s';
const REVIEW_TARGET_MS = 3_000;
const WARRANTY_MS = 3_000;

const UNIQUE = `${process.pid}-${Date.now() % 1e7}`;
const REGION = `dispatch-${UNIQUE}`;
const OTHER_REGION = `elsewhere-${UNIQUE}`;
const SKILL = `boiler-${UNIQUE}`;
const CUSTOMER_AT = { ...CUSTOMER_POSITION };

interface Technician extends TestUser {
  displayName: string;
}

interface Timeline {
  action: string;
  toStatus: string | null;
  details: Record<string, unknown>;
}

interface Candidate {
  id: string;
  eligible: boolean;
  score?: number;
  rejectedBecause?: string;
}

interface Escalation {
  id: string;
  orderNo: string;
  stage: string;
  stageKey: string;
  level: number;
  dueAt: string;
  firedAt: string;
  recipients: { userId: string; role: string }[];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

interface Notification {
  id: string;
  orderNo: string | null;
  kind: string;
  readAt: string | null;
}

interface Deadline {
  stage: string;
  dueAt: string | null;
  paused: boolean;
}

/** The current policy of `type` with every target `LONG`, then `targets` on top. */
function policyBody(
  current: Record<string, unknown>,
  targets: Record<string, unknown>,
): Record<string, unknown> {
  const { orderType: _t, version: _v, ...fields } = current;
  const keys = Object.keys(fields.targets as Record<string, unknown>);
  return {
    ...fields,
    calendar: null,
    pauseWhileWaitingParts: true,
    targets: {
      ...Object.fromEntries(keys.map((key) => [key, LONG])),
      dispatch: { URGENT: LONG, HIGH: LONG, NORMAL: LONG, LOW: LONG },
      completion: { IN_CITY: LONG, OUT_OF_CITY: LONG },
      ...targets,
    },
  };
}

describe('dispatch, escalations, parts and warranty over HTTP', () => {
  let stack: ApiStack;
  let admin: string;
  let agent: TestUser;
  let supervisor: TestUser;
  let finance: TestUser;
  let dispatcher: TestUser;
  let otherDispatcher: TestUser;
  let unregionedDispatcher: TestUser;
  // Near the customer; 418 km away; right next door but without the skill; 86 km away, later set away.
  let near: Technician;
  let far: Technician;
  let unskilled: Technician;
  let away: Technician;

  async function createTechnician(
    name: string,
    profile: { skills: string[]; lat: number; lng: number },
  ): Promise<Technician> {
    const username = `tech-${name.toLowerCase()}-${UNIQUE}`;
    const displayName = `${name} ${UNIQUE}`;
    const created = await stack
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        username,
        password: 'tech-password-1',
        displayName,
        roles: ['technician'],
        region: REGION,
        capacity: 10,
        ...profile,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      region: REGION,
      capacity: 10,
      skills: profile.skills,
      active: true,
    });
    const token = await login(stack, username, 'tech-password-1');
    return { id: created.body.id, username, password: 'tech-password-1', token, displayName };
  }

  async function savePolicy(type: string, targets: Record<string, unknown>): Promise<void> {
    const policies = await stack.http().get('/api/sla-policies').set(bearer(admin));
    const current = (policies.body as Record<string, unknown>[]).find((p) => p.orderType === type);
    expect(current).toBeDefined();
    const saved = await stack
      .http()
      .put(`/api/sla-policies/${type}`)
      .set(bearer(admin))
      .send(policyBody(current as Record<string, unknown>, targets));
    expect(saved.status).toBe(200);
  }

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-dispatch', worker: true });
    admin = await login(stack, 'admin', 'admin-password');
    [agent, supervisor, finance, dispatcher, otherDispatcher, unregionedDispatcher] = await Promise.all([
      createStaff(stack, ['agent']),
      createStaff(stack, ['supervisor']),
      createStaff(stack, ['finance']),
      createStaff(stack, ['dispatcher'], { region: REGION }),
      createStaff(stack, ['dispatcher'], { region: OTHER_REGION }),
      createStaff(stack, ['dispatcher']),
    ]);
    near = await createTechnician('Near', { skills: [SKILL, 'ladder'], lat: 31.231, lng: 121.471 });
    far = await createTechnician('Far', { skills: [SKILL], lat: 35.0, lng: 121.47 });
    unskilled = await createTechnician('Unskilled', { skills: ['ladder'], lat: 31.2301, lng: 121.4701 });
    away = await createTechnician('Away', { skills: [SKILL], lat: 32.0, lng: 121.47 });

    await savePolicy(DISPATCH_TYPE, { warranty: `${WARRANTY_MS / 1000}s` });
    await savePolicy(LADDER_TYPE, { review: `${REVIEW_TARGET_MS / 1000}s` });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const customerTokens = new Map<string, string>();

  function intake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const body = intakeBody({
      type: DISPATCH_TYPE,
      requiredSkills: [SKILL],
      dispatchMode: 'SUPERVISOR',
      ...overrides,
    });
    return { ...body, customer: { ...(body.customer as object), region: REGION, ...CUSTOMER_AT } };
  }

  async function create(token: string, body: Record<string, unknown>): Promise<string> {
    const created = await stack.http().post('/api/orders').set(bearer(token)).send(body);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PENDING_REVIEW');
    customerTokens.set(created.body.orderNo, created.body.customerToken);
    return created.body.orderNo as string;
  }

  function command(token: string, orderNo: string, action: string, body: object = {}) {
    return stack.http().post(`/api/orders/${orderNo}/${action}`).set(bearer(token)).send(body);
  }

  /** Runs a command that must succeed and returns the order view it answers with. */
  async function ok(token: string, orderNo: string, action: string, body: object = {}) {
    const response = await command(token, orderNo, action, body);
    expect({
      action,
      code: response.status,
      body: response.status === 200 ? undefined : response.body,
    }).toEqual({ action, code: 200, body: undefined });
    return response.body;
  }

  async function timeline(orderNo: string): Promise<Timeline[]> {
    const response = await stack.http().get(`/api/orders/${orderNo}/timeline`).set(bearer(supervisor.token));
    expect(response.status).toBe(200);
    return response.body as Timeline[];
  }

  /** The timeline entry with `action`, once the read model has it. */
  function entry(orderNo: string, action: string): Promise<Timeline> {
    return eventually(async () => {
      const found = (await timeline(orderNo)).find((e) => e.action === action);
      expect(found).toBeDefined();
      return found as Timeline;
    });
  }

  async function inbox(
    token: string,
    query = '',
  ): Promise<{ items: Notification[]; total: number; unread: number }> {
    const response = await stack.http().get(`/api/me/notifications${query}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body;
  }

  async function escalations(token: string, query: string): Promise<{ items: Escalation[]; total: number }> {
    const response = await stack.http().get(`/api/escalations?${query}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Reads come from the stored copy: wait until it shows at least `minRevision` (1: past the intake copy). */
  async function orderView(token: string, orderNo: string, minRevision = 1) {
    return eventually(async () => {
      const response = await stack.http().get(`/api/orders/${orderNo}`).set(bearer(token));
      expect(response.status).toBe(200);
      expect(response.body.revision).toBeGreaterThanOrEqual(minRevision);
      return response.body;
    });
  }

  const completionOf = (view: { deadlines: Deadline[] }): Deadline | undefined =>
    view.deadlines.find((d) => d.stage === 'COMPLETION');

  describe('dispatch', () => {
    it('AUTO assigns the best eligible technician at once and stores the scoring explanation', async () => {
      const orderNo = await create(agent.token, intake({ dispatchMode: 'AUTO' }));
      const approved = await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
      expect(approved).toMatchObject({ status: 'ASSIGNED', technicianId: near.id });

      const assigned = await entry(orderNo, 'AUTO_ASSIGN');
      expect(assigned.toStatus).toBe('ASSIGNED');
      expect(assigned.details).toMatchObject({ technicianId: near.id, technicianName: near.displayName });
      expect(assigned.details.explanation).toEqual(
        expect.stringContaining(`Chose ${near.displayName} (${near.id}) with score`),
      );
      expect(assigned.details.explanation).toEqual(
        expect.stringContaining(`${unskilled.displayName} (${unskilled.id}): missing skills: ${SKILL}`),
      );
      const candidates = assigned.details.candidates as Candidate[];
      const byId = (id: string) => candidates.find((c) => c.id === id);
      expect(candidates[0]).toMatchObject({ id: near.id, eligible: true });
      expect(byId(far.id)).toMatchObject({ eligible: true });
      expect(byId(away.id)).toMatchObject({ eligible: true });
      expect(byId(far.id)?.score).toBeLessThan(byId(near.id)?.score as number);
      expect(byId(away.id)?.score).toBeLessThan(byId(near.id)?.score as number);
      expect(byId(unskilled.id)).toMatchObject({
        eligible: false,
        rejectedBecause: `missing skills: ${SKILL}`,
      });

      // The chosen technician is told.
      await eventually(async () => {
        const mine = await inbox(near.token);
        expect(mine.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ orderNo, kind: 'ASSIGNED', readAt: null })]),
        );
      });
    });

    it('DIRECT assigns the named technician when eligible', async () => {
      const orderNo = await create(
        agent.token,
        intake({ dispatchMode: 'DIRECT', directTechnicianId: far.id }),
      );
      const approved = await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
      expect(approved).toMatchObject({ status: 'ASSIGNED', technicianId: far.id });
      const assigned = await entry(orderNo, 'DIRECT_ASSIGN');
      expect(assigned.details).toMatchObject({
        technicianId: far.id,
        explanation: `Named technician ${far.displayName} (${far.id}) is eligible.`,
      });
    });

    it('DIRECT naming an away technician leaves the order to the dispatchers, who are told why', async () => {
      const patched = await stack
        .http()
        .patch(`/api/users/${away.id}`)
        .set(bearer(admin))
        .send({ active: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: away.id, active: false });

      const orderNo = await create(
        agent.token,
        intake({ dispatchMode: 'DIRECT', directTechnicianId: away.id }),
      );
      const approved = await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
      expect(approved).toMatchObject({ status: 'PENDING_DISPATCH', technicianId: null });

      const refused = await entry(orderNo, 'DIRECT_TECHNICIAN_INELIGIBLE');
      expect(refused.details).toMatchObject({ reason: 'INELIGIBLE' });
      expect(refused.details.explanation).toBe(`${away.displayName} (${away.id}) is not eligible: inactive`);
      await eventually(async () => {
        const theirs = await inbox(dispatcher.token);
        expect(theirs.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ orderNo, kind: 'DIRECT_TECHNICIAN_INELIGIBLE' }),
          ]),
        );
      });
      // Dispatchers elsewhere are not bothered.
      expect((await inbox(otherDispatcher.token)).items.filter((n) => n.orderNo === orderNo)).toEqual([]);

      // The region's dispatcher asks for the automatic choice: the away technician is never chosen.
      const assigned = await ok(dispatcher.token, orderNo, 'assignment', {});
      expect(assigned).toMatchObject({ status: 'ASSIGNED', technicianId: near.id });
      const manual = await entry(orderNo, 'ASSIGN');
      expect(manual.details.explanation).toEqual(expect.stringContaining(`Chose ${near.displayName}`));
      expect((manual.details.candidates as Candidate[]).find((c) => c.id === away.id)).toMatchObject({
        eligible: false,
        rejectedBecause: 'inactive',
      });
    });

    it('REGIONAL: only the region dispatcher assigns; an ineligible pick is 422; reassignment tells the previous technician', async () => {
      const orderNo = await create(agent.token, intake({ dispatchMode: 'REGIONAL' }));
      const approved = await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
      expect(approved).toMatchObject({ status: 'PENDING_DISPATCH', technicianId: null });

      const foreign = await command(otherDispatcher.token, orderNo, 'assignment', { technicianId: near.id });
      expect(foreign.status).toBe(403);
      expect(foreign.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      // A dispatcher without a region may see every order but not dispatch a REGIONAL one.
      const unregioned = await command(unregionedDispatcher.token, orderNo, 'assignment', {});
      expect(unregioned.status).toBe(403);
      expect(unregioned.body.message).toEqual(
        expect.stringContaining(`only a dispatcher of region ${REGION}`),
      );

      const ineligible = await command(dispatcher.token, orderNo, 'assignment', {
        technicianId: unskilled.id,
      });
      expect(ineligible.status).toBe(422);
      expect(ineligible.body).toMatchObject({ statusCode: 422, details: { field: 'technicianId' } });
      expect(ineligible.body.message).toEqual(expect.stringContaining(`missing skills: ${SKILL}`));
      const awayPick = await command(dispatcher.token, orderNo, 'assignment', { technicianId: away.id });
      expect(awayPick.status).toBe(422);
      expect(awayPick.body.message).toEqual(expect.stringContaining('inactive'));
      expect((await orderView(dispatcher.token, orderNo)).status).toBe('PENDING_DISPATCH');

      const assigned = await ok(dispatcher.token, orderNo, 'assignment', { technicianId: far.id });
      expect(assigned).toMatchObject({ status: 'ASSIGNED', technicianId: far.id });
      await ok(far.token, orderNo, 'technician-response', { decision: 'ACCEPT' });

      // Accepted but not yet on site: the dispatcher may still reassign; the previous technician is told.
      const reassigned = await ok(dispatcher.token, orderNo, 'assignment', { technicianId: near.id });
      expect(reassigned).toMatchObject({ status: 'ASSIGNED', technicianId: near.id });
      const moved = await entry(orderNo, 'REASSIGN');
      expect(moved.details).toMatchObject({ technicianId: near.id, previousTechnicianId: far.id });
      await eventually(async () => {
        const theirs = await inbox(far.token);
        expect(theirs.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ orderNo, kind: 'REASSIGNED_AWAY', readAt: null }),
          ]),
        );
      });
      // The order is no longer theirs to see.
      expect((await stack.http().get(`/api/orders/${orderNo}`).set(bearer(far.token))).status).toBe(403);
    });

    it('shows dispatchers the open orders per technician of their region', async () => {
      // AUTO, DIRECT-away then automatic, REGIONAL reassigned → near carries 3; DIRECT → far carries 1.
      const expected = {
        [near.id]: { openOrders: 3, freeCapacity: 7, active: true },
        [far.id]: { openOrders: 1, freeCapacity: 9, active: true },
        [unskilled.id]: { openOrders: 0, freeCapacity: 10, active: true },
        [away.id]: { openOrders: 0, freeCapacity: 10, active: false },
      };
      await eventually(async () => {
        const response = await stack.http().get('/api/technicians/workload').set(bearer(dispatcher.token));
        expect(response.status).toBe(200);
        const rows = response.body as { technicianId: string; region: string; capacity: number }[];
        expect(rows.map((r) => r.technicianId).sort()).toEqual(Object.keys(expected).sort());
        for (const row of rows) {
          expect(row).toMatchObject({ region: REGION, capacity: 10, ...expected[row.technicianId] });
        }
      });
      // A supervisor may ask for the region; a dispatcher of another region never sees it.
      const bySupervisor = await stack
        .http()
        .get(`/api/technicians/workload?region=${REGION}`)
        .set(bearer(supervisor.token));
      expect(bySupervisor.body).toHaveLength(4);
      const other = await stack
        .http()
        .get(`/api/technicians/workload?region=${REGION}`)
        .set(bearer(otherDispatcher.token));
      expect(other.status).toBe(200);
      expect(other.body).toEqual([]);
    });

    it('previews the candidates for the dispatch board as the automatic choice then ranks them', async () => {
      const orderNo = await create(agent.token, intake());
      await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
      const candidates = async (token: string) =>
        stack.http().get(`/api/orders/${orderNo}/candidates`).set(bearer(token));

      const preview = await eventually(async () => {
        const response = await candidates(dispatcher.token);
        expect(response.status).toBe(200);
        return response.body as { orderNo: string; explanation: string; candidates: Candidate[] };
      });
      expect(preview.orderNo).toBe(orderNo);
      expect(preview.explanation).not.toBe('');
      // Technicians of every other test file are scored too; only this file's skill makes them eligible.
      const eligible = preview.candidates.filter((candidate) => candidate.eligible);
      expect(eligible.map((candidate) => candidate.id).sort()).toEqual([near.id, far.id].sort());
      expect(eligible[0].score).toBeGreaterThanOrEqual(eligible[1].score ?? 0);
      const byId = new Map(preview.candidates.map((candidate) => [candidate.id, candidate]));
      expect(byId.get(unskilled.id)?.rejectedBecause).toBe(`missing skills: ${SKILL}`);
      expect(byId.get(away.id)?.rejectedBecause).toBe('inactive');

      // Nothing was reserved; the automatic choice then picks the preview's first.
      const assigned = await ok(supervisor.token, orderNo, 'assignment', {});
      expect(assigned).toMatchObject({ status: 'ASSIGNED', technicianId: eligible[0].id });
      // On a reassignment the automatic choice passes over the current technician, and so does the preview.
      const reassigning = await eventually(async () => {
        const response = await candidates(supervisor.token);
        const current = (response.body.candidates as Candidate[]).find((c) => c.id === eligible[0].id);
        expect(current?.eligible).toBe(false);
        return current;
      });
      expect(reassigning?.rejectedBecause).toEqual(expect.stringContaining('excluded'));

      expect((await candidates(near.token)).status).toBe(403);
      expect((await candidates(otherDispatcher.token)).status).toBe(403);
      const unknown = await stack
        .http()
        .get('/api/orders/SO-20000101-999999/candidates')
        .set(bearer(supervisor.token));
      expect(unknown.status).toBe(404);
      expect(
        (await stack.http().get('/api/orders/nope/candidates').set(bearer(supervisor.token))).status,
      ).toBe(400);
    });
  });

  describe('escalations and the inbox', () => {
    it('a lapsed review target escalates level by level; ack is recorded and stops nothing; the inbox pages unread first', async () => {
      const clerk = await createStaff(stack, ['agent']);
      const created = await stack
        .http()
        .post('/api/orders')
        .set(bearer(clerk.token))
        .send(intake({ type: LADDER_TYPE }));
      expect(created.status).toBe(201);
      const orderNo = created.body.orderNo as string;
      const review = (await orderView(clerk.token, orderNo)).deadlines.find(
        (d: Deadline) => d.stage === 'REVIEW',
      ) as Deadline;
      expect(review.dueAt).toEqual(expect.any(String));

      // Level 1 fires at 100 % of the target; acknowledge it as soon as it is listed.
      const level1 = await eventually(
        async () => {
          const page = await escalations(supervisor.token, `orderNo=${orderNo}&level=1`);
          expect(page.total).toBe(1);
          return page.items[0];
        },
        { timeoutMs: 15_000, intervalMs: 100 },
      );
      const acked = await stack
        .http()
        .post(`/api/escalations/${level1.id}/ack`)
        .set(bearer(supervisor.token));
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({ id: level1.id, acknowledgedBy: supervisor.username });
      const ackedAt = Date.parse(acked.body.acknowledgedAt);
      expect(ackedAt).toBeGreaterThanOrEqual(Date.parse(level1.firedAt));

      expect(level1).toMatchObject({
        orderNo,
        stage: 'REVIEW',
        level: 1,
        dueAt: review.dueAt,
        acknowledgedBy: null,
        acknowledgedAt: null,
      });
      expect(Date.parse(level1.firedAt)).toBeGreaterThanOrEqual(Date.parse(review.dueAt as string));
      expect(level1.recipients).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: clerk.id, role: 'agent' }),
          expect.objectContaining({ userId: supervisor.id, role: 'supervisor' }),
        ]),
      );

      // Someone the escalation is not addressed to may not acknowledge it; a second ack keeps the first.
      const stranger = await stack.http().post(`/api/escalations/${level1.id}/ack`).set(bearer(near.token));
      expect(stranger.status).toBe(403);
      const again = await stack.http().post(`/api/escalations/${level1.id}/ack`).set(bearer(admin));
      expect(again.body).toMatchObject({
        acknowledgedBy: supervisor.username,
        acknowledgedAt: acked.body.acknowledgedAt,
      });

      // The acknowledgement stopped nothing: level 3 (200 %) still fires, after it.
      const all = await eventually(
        async () => {
          const page = await escalations(supervisor.token, `orderNo=${orderNo}`);
          expect(page.items.map((e) => e.level).sort()).toEqual([0, 1, 2, 3]);
          return page.items;
        },
        { timeoutMs: 20_000 },
      );
      const level = (n: number) => all.find((e) => e.level === n) as Escalation;
      expect(Date.parse(level(3).firedAt)).toBeGreaterThan(ackedAt);
      for (const e of all)
        expect(e).toMatchObject({ stage: 'REVIEW', stageKey: level1.stageKey, dueAt: review.dueAt });
      expect(level(0).recipients.map((r) => r.userId)).toEqual([clerk.id]);
      expect(level(2).recipients).toEqual(
        expect.arrayContaining([expect.objectContaining({ role: 'admin' })]),
      );
      // Newest first.
      expect(all.map((e) => e.level)).toEqual([3, 2, 1, 0]);

      // Filters.
      const ids = (page: { items: Escalation[] }) => page.items.map((e) => e.id);
      expect(ids(await escalations(supervisor.token, `orderNo=${orderNo}&state=acknowledged`))).toEqual([
        level1.id,
      ]);
      expect(ids(await escalations(supervisor.token, `orderNo=${orderNo}&state=open`))).toEqual(
        [level(3), level(2), level(0)].map((e) => e.id),
      );
      expect(ids(await escalations(supervisor.token, `orderNo=${orderNo}&stage=REVIEW&level=2`))).toEqual([
        level(2).id,
      ]);
      expect((await escalations(supervisor.token, `orderNo=${orderNo}&stage=DISPATCH`)).total).toBe(0);
      expect((await escalations(supervisor.token, `orderNo=${orderNo}&state=open&level=1`)).total).toBe(0);
      // Everyone else sees only the escalations addressed to them.
      expect((await escalations(clerk.token, `orderNo=${orderNo}`)).total).toBe(4);
      expect((await escalations(dispatcher.token, `orderNo=${orderNo}`)).total).toBe(0);
      expect((await stack.http().get('/api/escalations?state=closed').set(bearer(admin))).status).toBe(400);

      // The clerk's inbox: one warning and three escalations, unread first, paginated.
      const full = await eventually(async () => {
        const page = await inbox(clerk.token);
        expect(page).toMatchObject({ total: 4, unread: 4 });
        return page;
      });
      expect(full.items.map((n) => n.kind).sort()).toEqual([
        'ESCALATION',
        'ESCALATION',
        'ESCALATION',
        'SLA_WARNING',
      ]);
      expect(full.items.every((n) => n.orderNo === orderNo && n.readAt === null)).toBe(true);
      const first = await inbox(clerk.token, '?page=1&pageSize=3');
      const second = await inbox(clerk.token, '?page=2&pageSize=3');
      expect(first).toMatchObject({ page: 1, pageSize: 3, total: 4 });
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(1);
      expect(new Set([...first.items, ...second.items].map((n) => n.id))).toEqual(
        new Set(full.items.map((n) => n.id)),
      );

      const target = full.items[0];
      const read = await stack
        .http()
        .post(`/api/me/notifications/${target.id}/read`)
        .set(bearer(clerk.token));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: target.id, readAt: expect.any(String) });
      const afterRead = await inbox(clerk.token);
      expect(afterRead.unread).toBe(3);
      expect(afterRead.items.map((n) => n.readAt === null)).toEqual([true, true, true, false]);
      expect(afterRead.items[3].id).toBe(target.id);
      expect((await inbox(clerk.token, '?unreadOnly=true')).items.map((n) => n.id)).not.toContain(target.id);

      // Someone else's notification is not in your inbox: 404, and it stays unread for its owner.
      const other = afterRead.items[0];
      const foreign = await stack
        .http()
        .post(`/api/me/notifications/${other.id}/read`)
        .set(bearer(supervisor.token));
      expect(foreign.status).toBe(404);
      expect(foreign.body).toMatchObject({ statusCode: 404 });
      const unchanged = await inbox(clerk.token);
      expect(unchanged.unread).toBe(3);
      expect(unchanged.items.find((n) => n.id === other.id)?.readAt).toBeNull();

      await ok(clerk.token, orderNo, 'cancel', { reason: 'test done' });
    });
  });

  /** Intake → review → assigned to `near` → accepted → on site. */
  async function onSite(): Promise<string> {
    const orderNo = await create(agent.token, intake());
    await ok(agent.token, orderNo, 'review', { decision: 'APPROVE' });
    await ok(supervisor.token, orderNo, 'assignment', { technicianId: near.id });
    await ok(near.token, orderNo, 'technician-response', { decision: 'ACCEPT' });
    const arrived = await ok(near.token, orderNo, 'check-in', CUSTOMER_AT);
    expect(arrived.status).toBe('ON_SITE');
    return orderNo;
  }

  it('a parts request pauses the completion clock; receiving the parts resumes it with the time that was left', async () => {
    const orderNo = await onSite();
    const before = completionOf(await orderView(near.token, orderNo)) as Deadline;
    expect(before).toMatchObject({ paused: false, dueAt: expect.any(String) });

    const pauseSent = Date.now();
    const requested = await ok(near.token, orderNo, 'parts-requests', {
      items: [{ code: 'VALVE-1', quantity: 2 }],
    });
    const pauseAnswered = Date.now();
    expect(requested).toMatchObject({ status: 'IN_PROGRESS', milestone: 'WAITING_PARTS' });
    expect(requested.partsRequests).toEqual([
      expect.objectContaining({ id: 'PR-1', items: [{ code: 'VALVE-1', quantity: 2 }], receivedAt: null }),
    ]);
    const paused = completionOf(await orderView(near.token, orderNo, requested.revision));
    expect(paused).toMatchObject({ paused: true, dueAt: null });

    const resumeSent = Date.now();
    const received = await ok(near.token, orderNo, 'parts-requests/PR-1/received');
    const resumeAnswered = Date.now();
    expect(received).toMatchObject({ status: 'IN_PROGRESS', milestone: 'IN_PROGRESS' });
    expect(received.partsRequests[0].receivedAt).toEqual(expect.any(String));

    const after = completionOf(await orderView(near.token, orderNo, received.revision)) as Deadline;
    expect(after.paused).toBe(false);
    // The due time moved by exactly the pause, which lay between these client-side bounds.
    const shift = Date.parse(after.dueAt as string) - Date.parse(before.dueAt as string);
    expect(shift).toBeGreaterThan(0);
    expect(shift).toBeGreaterThanOrEqual(resumeSent - pauseAnswered - 5);
    expect(shift).toBeLessThanOrEqual(resumeAnswered - pauseSent + 5);

    // Received twice is refused; the timeline shows both steps.
    const twice = await command(near.token, orderNo, 'parts-requests/PR-1/received');
    expect(twice.status).toBe(422);
    expect(twice.body.message).toEqual(expect.stringContaining('already received'));
    await entry(orderNo, 'REQUEST_PARTS');
    await entry(orderNo, 'RECEIVE_PARTS');
  });

  it('refuses a warranty claim on a closed order once the warranty has run out', async () => {
    const claimant = await createStaff(stack, ['agent']);
    const orderNo = await onSite();
    await ok(near.token, orderNo, 'completion', {
      summary: 'Replaced the valve',
      partsUsed: [{ code: 'VALVE-1', quantity: 1, warranty: '2s' }],
      laborHours: 1,
    });
    await ok(supervisor.token, orderNo, 'qc', { result: 'PASS', note: 'ok' });
    await ok(customerTokens.get(orderNo) as string, orderNo, 'customer-acceptance', {
      decision: 'ACCEPT',
      rating: 5,
    });
    await ok(agent.token, orderNo, 'callback', { reached: true, satisfied: true, note: 'fine' });
    const closed = await ok(finance.token, orderNo, 'settlement', {
      amount: 300,
      paymentMethod: 'CASH',
      invoiceNo: `INV-${UNIQUE}`,
    });
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    const closedAt = Date.parse(closed.closedAt as string);

    // Let the 3 s warranty pass (the only fixed wait: a deadline has to go by).
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, closedAt + WARRANTY_MS + 200 - Date.now())),
    );

    const countIntakes = async () =>
      Number(
        (
          (await stack.dataSource.query(`SELECT count(*) FROM order_intakes WHERE created_by = $1`, [
            claimant.id,
          ])) as { count: string }[]
        )[0].count,
      );
    const claim = await stack
      .http()
      .post(`/api/orders/${orderNo}/warranty-claims`)
      .set(bearer(claimant.token))
      .send({ faultDescription: 'Leaking again' });
    expect(claim.status).toBe(422);
    expect(claim.body).toMatchObject({
      statusCode: 422,
      details: { field: 'orderNo', expiresAt: new Date(closedAt + WARRANTY_MS).toISOString() },
    });
    expect(claim.body.message).toMatch(/^Warranty claim refused: the order's warranty of 3s expired .+ ago$/);

    // A claim naming the part is judged by the part's own (here shorter) warranty, also expired.
    const partClaim = await stack
      .http()
      .post(`/api/orders/${orderNo}/warranty-claims`)
      .set(bearer(claimant.token))
      .send({ faultDescription: 'Valve leaks', partCode: 'VALVE-1' });
    expect(partClaim.status).toBe(422);
    expect(partClaim.body.details).toMatchObject({ field: 'partCode' });
    expect(partClaim.body.message).toEqual(
      expect.stringContaining("part VALVE-1's own warranty of 2s expired"),
    );

    // Nothing was taken in.
    expect(await countIntakes()).toBe(0);
  });
});
