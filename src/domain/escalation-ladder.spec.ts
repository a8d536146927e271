import {
  LADDER,
  ladderSchedule,
  nextRoleUp,
  recipientRolesFor,
  RESPONSIBLE_ROLE,
  SLA_STAGES,
  type SlaStage,
} from './escalation-ladder';
import type { Role } from './order';
import { pauseClock, startClock } from './sla-clock';

const H = 3_600_000;

// Written from SPEC §3 directly: who is told at levels 0, 1, 2 and 3 of each stage.
const techChain: Role[][] = [
  ['technician'],
  ['technician', 'dispatcher'],
  ['technician', 'dispatcher', 'supervisor'],
  ['technician', 'dispatcher', 'supervisor', 'admin'],
];
const agentChain: Role[][] = [
  ['agent'],
  ['agent', 'supervisor'],
  ['agent', 'supervisor', 'admin'],
  ['agent', 'supervisor', 'admin'],
];
const supervisorChain: Role[][] = [
  ['supervisor'],
  ['supervisor', 'admin'],
  ['supervisor', 'admin'],
  ['supervisor', 'admin'],
];
const dispatcherChain: Role[][] = [
  ['dispatcher'],
  ['dispatcher', 'supervisor'],
  ['dispatcher', 'supervisor', 'admin'],
  ['dispatcher', 'supervisor', 'admin'],
];
const financeChain: Role[][] = [
  ['finance'],
  ['finance', 'supervisor'],
  ['finance', 'supervisor', 'admin'],
  ['finance', 'supervisor', 'admin'],
];

const EXPECTED_RECIPIENTS: Record<SlaStage, Role[][]> = {
  INFO_COMPLETION: agentChain,
  REVIEW: agentChain,
  APPROVAL: supervisorChain,
  DISPATCH: dispatcherChain,
  TECHNICIAN_ACCEPTANCE: techChain,
  FIRST_CONTACT: techChain,
  PROGRESS_REPLY: techChain,
  COMPLETION: techChain,
  QUOTE_APPROVAL: agentChain,
  ADDED_WORK_APPROVAL: agentChain,
  CHASE_RESPONSE: techChain,
  QC: supervisorChain,
  CUSTOMER_ACCEPTANCE: agentChain,
  REWORK_DECISION: supervisorChain,
  CALLBACK: agentChain,
  FEEDBACK_CLOSURE: supervisorChain,
  SETTLEMENT: financeChain,
};

describe(recipientRolesFor.name, () => {
  const cases = SLA_STAGES.flatMap((stage) => LADDER.map((step) => [stage, step.level] as const));
  it.each(cases)('%s level %d', (stage, level) => {
    expect(recipientRolesFor(stage, level)).toEqual(EXPECTED_RECIPIENTS[stage][level]);
  });

  it('starts every stage with its responsible role', () => {
    for (const stage of SLA_STAGES) expect(recipientRolesFor(stage, 0)).toEqual([RESPONSIBLE_ROLE[stage]]);
  });

  it.each([-1, 1.5])('refuses level %d', (level) => {
    expect(() => recipientRolesFor('QC', level)).toThrow(RangeError);
  });
});

describe(nextRoleUp.name, () => {
  it.each<[Role, Role]>([
    ['technician', 'dispatcher'],
    ['agent', 'supervisor'],
    ['dispatcher', 'supervisor'],
    ['finance', 'supervisor'],
    ['supervisor', 'admin'],
    ['admin', 'admin'],
  ])('%s → %s', (role, above) => {
    expect(nextRoleUp(role)).toBe(above);
  });
});

describe('LADDER', () => {
  it('fires at 80%, 100%, 150% and 200%', () => {
    expect(LADDER.map((step) => [step.level, step.fraction])).toEqual([
      [0, 0.8],
      [1, 1],
      [2, 1.5],
      [3, 2],
    ]);
    expect(LADDER[0].name).toBe('WARNING');
  });
});

describe(ladderSchedule.name, () => {
  const T0 = Date.UTC(2025, 2, 17, 8);

  it('schedules every level and marks those already due', () => {
    const clock = startClock(10 * H, T0);
    expect(ladderSchedule(clock, T0 + 12 * H)).toEqual([
      { level: 0, name: 'WARNING', fireAt: T0 + 8 * H, due: true },
      { level: 1, name: 'LEVEL_1', fireAt: T0 + 10 * H, due: true },
      { level: 2, name: 'LEVEL_2', fireAt: T0 + 15 * H, due: false },
      { level: 3, name: 'LEVEL_3', fireAt: T0 + 20 * H, due: false },
    ]);
  });

  it('schedules nothing while paused', () => {
    expect(ladderSchedule(pauseClock(startClock(10 * H, T0), T0 + H), T0 + 2 * H)).toEqual([]);
  });
});
