// Unit tests sit next to the code (src/**/*.spec.ts); integration tests in test/ use real Temporal and PostgreSQL;
// workflow-unit tests (test/workflow-unit) run the real workflow on a Temporal dev server of their own, with
// in-memory fake activities and no PostgreSQL (test/support/README.md).
// Type checking is `npm run typecheck`'s job; jest only transpiles.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];
module.exports = {
  // Each test file gets a fresh worker process: the Temporal native core must not be shared between
  // jest module registries ("Core is shut down", temporalio/sdk-typescript#614).
  workerIdleMemoryLimit: '1MB',
  maxWorkers: 2,
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/workflow-unit/'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'workflow',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/workflow-unit'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/workflow-unit/global-setup.ts',
      globalTeardown: '<rootDir>/test/workflow-unit/global-teardown.ts',
    },
  ],
};
