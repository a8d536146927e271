// SLA policies for tests: durations in seconds, so the stage under test runs out while the test waits.
import { defaultPolicy, type OrderType, type SlaPolicy } from '../../src/domain';

/** Every target long (1h) unless overridden, so only the stage under test runs out. */
export function secondsPolicy(
  orderType: OrderType = 'INSTALLATION',
  overrides: Partial<Omit<SlaPolicy, 'targets'>> & { targets?: Partial<SlaPolicy['targets']> } = {},
): SlaPolicy {
  const base = defaultPolicy(orderType);
  const long = '1h';
  const { targets, ...rest } = overrides;
  return {
    ...base,
    ...rest,
    targets: {
      ...base.targets,
      infoCompletion: long,
      review: long,
      approval: long,
      dispatch: { URGENT: long, HIGH: long, NORMAL: long, LOW: long },
      technicianAcceptance: long,
      firstContact: long,
      progressReply: long,
      completion: { IN_CITY: long, OUT_OF_CITY: long },
      chaseResponse: long,
      qc: long,
      customerAcceptanceWindow: long,
      callback: long,
      feedbackClosure: long,
      closureReminderEvery: long,
      settlement: long,
      ...(targets ?? {}),
    },
  };
}
