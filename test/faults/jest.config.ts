// `npm run test:faults`: the fault run on its own (never part of `npm test`). One file, in band, so the
// suite's own process owns every child it starts and the summary prints before jest's report.
import type { Config } from 'jest';

const config: Config = {
  rootDir: '../..',
  displayName: 'faults',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.faults.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/global-teardown.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  // The run itself is bounded (about 15 minutes); this only stops a hung one.
  testTimeout: 25 * 60_000,
};

export default config;
