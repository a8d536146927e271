// A warranty claim is judged by the transition table (decide(status, 'WARRANTY_CLAIM', role)) like every
// other command: refused for its status with the same 409 body the workflow's refusals get, for a role
// TRANSITIONS does not give it with 403. The claim within the warranty is in order-lifecycle.test.ts.
import { allowedActions, decide, type Decision } from '../../src/domain';
import { intakeBody } from '../factories/orders';
import { ApiStack, bearer, createStaff, startApiStack, type TestUser } from './api-harness';

const refusalMessage = (decision: Decision): string => (decision.allowed ? '' : decision.message);

describe('warranty claims through the transition table', () => {
  let stack: ApiStack;
  let agent: TestUser;
  let finance: TestUser;

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-warranty', worker: true });
    agent = await createStaff(stack, ['agent']);
    finance = await createStaff(stack, ['finance']);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a claim on an order that is not CLOSED with the 409 body of a status refusal', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intakeBody());
    expect(created.status).toBe(201);
    const { orderNo, status } = created.body as { orderNo: string; status: 'PENDING_REVIEW' };
    expect(status).toBe('PENDING_REVIEW');

    const claim = await stack
      .http()
      .post(`/api/orders/${orderNo}/warranty-claims`)
      .set(bearer(agent.token))
      .send({ faultDescription: 'Still broken' });
    expect(claim.status).toBe(409);
    expect(claim.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: refusalMessage(decide('PENDING_REVIEW', 'WARRANTY_CLAIM', 'agent')),
      details: { status: 'PENDING_REVIEW', allowedActions: allowedActions('PENDING_REVIEW', 'agent') },
    });

    // The workflow's own refusal of a command for its status (a chase before dispatch) looks the same.
    const chase = await stack
      .http()
      .post(`/api/orders/${orderNo}/chase`)
      .set(bearer(agent.token))
      .send({ note: 'Where is my technician?' });
    expect(chase.status).toBe(409);
    expect(chase.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: refusalMessage(decide('PENDING_REVIEW', 'CHASE', 'agent')),
      details: claim.body.details,
    });
  });

  it('refuses a role the table does not give the claim (403) before looking at the status', async () => {
    const created = await stack.http().post('/api/orders').set(bearer(agent.token)).send(intakeBody());
    const claim = await stack
      .http()
      .post(`/api/orders/${created.body.orderNo}/warranty-claims`)
      .set(bearer(finance.token))
      .send({ faultDescription: 'Still broken' });
    expect(claim.status).toBe(403);
  });
});
