// The fault run of issue 9 (`npm run test:faults`): at least 100 orders through the HTTP API while the
// worker is killed, the Temporal server restarted and PostgreSQL cut; then every check below. Each check
// lists the orders that fail it. FAULTS_ORDERS=20 makes a short run while developing.
import { runFaultRun, type FaultRunOutcome } from './fault-run';

const listed = (failures: string[]) => (failures.length ? `\n  ${failures.join('\n  ')}\n` : '');

describe('fault run: orders survive worker kills, a Temporal restart and a PostgreSQL outage', () => {
  let outcome: FaultRunOutcome | undefined;

  beforeAll(async () => {
    outcome = await runFaultRun();
  }, 24 * 60_000);

  const failures = (name: keyof FaultRunOutcome['failures']): string[] => {
    if (!outcome) throw new Error('the fault run did not complete; see the error above and .data/faults/');
    return outcome.failures[name];
  };

  it('injected every planned fault while commands were in flight, and the stack recovered', () => {
    expect(listed(failures('faults'))).toBe('');
  });

  it('replays every workflow history on the server (running and closed) with no nondeterminism', () => {
    expect(listed(failures('replay'))).toBe('');
  });

  it('brings every order to the status its script expects', () => {
    expect(listed(failures('statuses'))).toBe('');
  });

  it('refuses every command that must be refused (403 wrong role, 409 wrong state, 400/422 bad input)', () => {
    expect(listed(failures('refusals'))).toBe('');
  });

  it('fires every escalation that is due exactly once; rows, timeline and workflow state agree', () => {
    expect(listed(failures('escalations'))).toBe('');
  });

  it('keeps the read model equal to the workflow state (status, technician, revision)', () => {
    expect(listed(failures('readModel'))).toBe('');
  });

  it('records every command that got a 2xx on the order timeline', () => {
    expect(listed(failures('missingCommands'))).toBe('');
  });

  it('applies a command sent twice or retried with one Idempotency-Key once, with the same answer', () => {
    expect(listed(failures('oneEffect'))).toBe('');
  });

  it('never answers 5xx other than 503, nor 404 for an order whose intake answered 201', () => {
    expect(listed(failures('unexpectedAnswers'))).toBe('');
  });
});
