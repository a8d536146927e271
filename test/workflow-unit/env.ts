// What the workflow-unit tier's global setup hands to its test files (through the environment, because
// jest runs each file in its own process). Kept apart from the integration tier's variables: both tiers'
// global setups run in the same jest process during `npm test`.
export const WORKFLOW_UNIT_ENV = {
  address: 'WORKFLOW_UNIT_TEMPORAL_ADDRESS',
  namespace: 'WORKFLOW_UNIT_TEMPORAL_NAMESPACE',
  bundle: 'WORKFLOW_UNIT_BUNDLE',
} as const;

/**
 * History length (events) at which the tier's server tells a run to continue as new (the dev server's
 * `limit.historyCount.suggestContinueAsNew`, 4Ki by default). Low, so a test gets there with a few
 * hundred no-op signals in a few seconds; high enough that the other tests' orders never reach it by
 * accident (the longest, two rejected rework rounds and a third to CLOSED, is about 430 events).
 */
export const SUGGEST_CONTINUE_AS_NEW_AT = 800;

export function workflowUnitEnv(): { address: string; namespace: string; bundlePath: string } {
  const address = process.env[WORKFLOW_UNIT_ENV.address];
  const bundlePath = process.env[WORKFLOW_UNIT_ENV.bundle];
  if (!address || !bundlePath) {
    throw new Error(
      'workflow-unit tests run through their jest project: npx jest <file> --selectProjects workflow',
    );
  }
  return { address, namespace: process.env[WORKFLOW_UNIT_ENV.namespace] ?? 'default', bundlePath };
}
