// Who pays, judged at intake from the equipment (model, serial number, purchase date, proof) against the
// product warranties of the price catalogue in force, or from a service contract; judged again when the
// clerk supplies the missing facts; corrected by a supervisor with a reason. Real API, worker, Temporal
// and PostgreSQL; the seeded catalogue's KFR-72LW carries a 36-month warranty.
import { calendarDateIn } from '../../src/domain';
import { intakeBody } from '../factories/orders';
import { eventually } from '../support/harness';
import { bearer, createStaff, startApiStack, type ApiStack, type TestUser } from './api-harness';

const MODEL = 'KFR-72LW';

describe('coverage at intake', () => {
  let stack: ApiStack;
  let agent: TestUser;
  let supervisor: TestUser;
  let today: string;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-coverage', worker: true });
    agent = await createStaff(stack, ['agent']);
    supervisor = await createStaff(stack, ['supervisor']);
    today = calendarDateIn(new Date(), stack.config.CUSTOMER_TIME_ZONE);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const yearsAgo = (years: number): string => `${Number(today.slice(0, 4)) - years}${today.slice(4, 10)}`;

  async function intake(overrides: Record<string, unknown>) {
    const created = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send(intakeBody({ type: 'REPAIR', ...overrides }));
    expect(created.status).toBe(201);
    return created.body as { orderNo: string; status: string };
  }

  async function coverageOf(orderNo: string, minRevision = 0) {
    return eventually(async () => {
      const read = await stack
        .http()
        .get(`/api/orders/${orderNo}?minRevision=${minRevision}`)
        .set(bearer(supervisor.token));
      expect(read.status).toBe(200);
      expect(read.body.details.coverage).toBeDefined();
      return read.body.details.coverage as Record<string, unknown>;
    });
  }

  async function intakeEntry(orderNo: string) {
    return eventually(async () => {
      const timeline = await stack
        .http()
        .get(`/api/orders/${orderNo}/timeline`)
        .set(bearer(supervisor.token));
      const entry = (timeline.body as { action: string; details: Record<string, unknown> }[]).find(
        (e) => e.action === 'INTAKE',
      );
      expect(entry).toBeDefined();
      return entry as { details: Record<string, unknown> };
    });
  }

  it('is IN_WARRANTY for a catalogue model bought within its warranty, with the proof, and says why on the timeline', async () => {
    const { orderNo } = await intake({
      equipment: { model: MODEL, serialNumber: 'SN-COV-1', purchaseDate: yearsAgo(1), proofRef: 'INV-1' },
    });
    const coverage = await coverageOf(orderNo);
    expect(coverage).toMatchObject({
      coverage: 'IN_WARRANTY',
      warrantyEndsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      catalogueVersion: expect.any(Number),
    });
    expect((coverage.warrantyEndsOn as string) > today).toBe(true);
    expect((await intakeEntry(orderNo)).details.coverage).toEqual(coverage);
  });

  it('is PAID without a proof of purchase, after the warranty, or for an unknown model, naming the rule', async () => {
    const noProof = await intake({
      equipment: { model: MODEL, serialNumber: 'SN-COV-2', purchaseDate: yearsAgo(1) },
    });
    const expired = await intake({
      equipment: { model: MODEL, serialNumber: 'SN-COV-3', purchaseDate: yearsAgo(4), proofRef: 'INV-3' },
    });
    const unknown = await intake({
      equipment: {
        model: 'NO-SUCH-MODEL',
        serialNumber: 'SN-COV-4',
        purchaseDate: yearsAgo(1),
        proofRef: 'X',
      },
    });
    for (const { orderNo } of [noProof, expired, unknown]) {
      const coverage = await coverageOf(orderNo);
      expect(coverage.coverage).toBe('PAID');
      expect(coverage.reason).toEqual(expect.any(String));
    }
    expect((await coverageOf(noProof.orderNo)).reason).toMatch(/proof/i);
  });

  it('is CONTRACT while a service contract runs', async () => {
    const { orderNo } = await intake({
      equipment: { model: 'NO-SUCH-MODEL', serialNumber: 'SN-COV-5' },
      serviceContract: { number: 'SC-2026-0042', validUntil: `${Number(today.slice(0, 4)) + 1}-12-31` },
    });
    const coverage = await coverageOf(orderNo);
    expect(coverage.coverage).toBe('CONTRACT');
    expect(coverage.reason).toContain('SC-2026-0042');
    const bad = await stack
      .http()
      .post('/api/orders')
      .set(bearer(agent.token))
      .send(intakeBody({ type: 'REPAIR', serviceContract: { number: 'SC-1', validUntil: 'next year' } }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('serviceContract.validUntil');
  });

  it('is judged again when the clerk supplies the missing equipment facts', async () => {
    const { orderNo, status } = await intake({ equipment: { model: MODEL, purchaseDate: yearsAgo(1) } });
    expect(status).toBe('INFO_REQUIRED');
    expect((await coverageOf(orderNo)).coverage).toBe('PAID');
    const supplied = await stack
      .http()
      .post(`/api/orders/${orderNo}/info`)
      .set(bearer(agent.token))
      .send({
        details: {
          equipment: { model: MODEL, serialNumber: 'SN-COV-6', purchaseDate: yearsAgo(1), proofRef: 'INV-6' },
        },
      });
    expect(supplied.status).toBe(200);
    expect(supplied.body.details.coverage.coverage).toBe('IN_WARRANTY');
  });

  it('a supervisor overrides it with a reason, kept on the timeline; nobody else may', async () => {
    const { orderNo } = await intake({
      equipment: { model: MODEL, serialNumber: 'SN-COV-7', purchaseDate: yearsAgo(1), proofRef: 'INV-7' },
    });
    await coverageOf(orderNo);
    const byAgent = await stack
      .http()
      .post(`/api/orders/${orderNo}/coverage-override`)
      .set(bearer(agent.token))
      .send({ coverage: 'PAID', reason: 'damage by the customer' });
    expect(byAgent.status).toBe(403);
    const noReason = await stack
      .http()
      .post(`/api/orders/${orderNo}/coverage-override`)
      .set(bearer(supervisor.token))
      .send({ coverage: 'PAID' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.details)).toContain('reason');
    const unknown = await stack
      .http()
      .post(`/api/orders/${orderNo}/coverage-override`)
      .set(bearer(supervisor.token))
      .send({ coverage: 'FREE', reason: 'x' });
    expect(unknown.status).toBe(400);

    const overridden = await stack
      .http()
      .post(`/api/orders/${orderNo}/coverage-override`)
      .set(bearer(supervisor.token))
      .send({ coverage: 'PAID', reason: 'Water damage: not covered by the warranty' });
    expect(overridden.status).toBe(200);
    expect(overridden.body.details.coverage).toMatchObject({
      coverage: 'PAID',
      reason: 'Water damage: not covered by the warranty',
      overriddenBy: { id: supervisor.id, at: expect.any(String) },
    });
    await eventually(async () => {
      const timeline = await stack
        .http()
        .get(`/api/orders/${orderNo}/timeline`)
        .set(bearer(supervisor.token));
      const entry = (timeline.body as { action: string; details: Record<string, unknown> }[]).find(
        (e) => e.action === 'COVERAGE_OVERRIDDEN',
      );
      expect(entry?.details).toMatchObject({
        from: 'IN_WARRANTY',
        to: 'PAID',
        reason: 'Water damage: not covered by the warranty',
      });
    });
    // An overridden judgement is not judged again by a later supply of facts.
    const view = await coverageOf(orderNo, overridden.body.revision);
    expect(view.coverage).toBe('PAID');
  });
});
