// Config for the reproduction in test/faults/wft-regrouping.repro.test.ts only (docs/durability.md,
// "Root cause of the fault-run nondeterminism"): no global setup (it runs its own dev server), one file.
//   npx jest -c test/faults/jest.repro.config.ts
// Under the main jest.config.js the file is picked up by the integration project and skipped.
const config = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/wft-regrouping.repro.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  testTimeout: 180_000,
  maxWorkers: 1,
  // The native runtime (core) keeps handles open after the worker and connections are closed.
  forceExit: true,
  globals: { REPRO_WFT_REGROUPING: true },
};
export default config;
