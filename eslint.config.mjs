// @ts-check
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      'jest.config.js',
      'eslint.config.mjs',
      'web/dist/**',
      // Generated from the API's OpenAPI document (npm run api:generate).
      'web/src/api/schema.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The web app: React's rules of hooks on top of the TypeScript rules.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // The API reads orders from the read model: a query task can advance a cached run outside any
    // workflow task and make its history unreplayable (docs/durability.md).
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workflows/**/*.messages'],
              importNames: ['getOrder'],
              message:
                'Do not query running orders from the API; read the projected copy (OrderAccessService.load).',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins, no frameworks.
    files: ['src/workflows/**/*.ts', 'src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are not allowed in workflow or domain code.' },
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'nodemailer',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflow and domain code must stay free of I/O and frameworks.',
            },
            {
              // The message templates are pure text: the workflow renders what it tells people with them.
              group: [
                '**/activities/*.activities',
                '**/persistence/**',
                '**/api/**',
                '**/notifications/**',
                '!**/notifications/templates',
              ],
              message: 'Workflows reach I/O only through proxied activities.',
              allowTypeImports: true,
            },
          ],
          paths: [
            'fs',
            'path',
            'crypto',
            'http',
            'https',
            'net',
            'child_process',
            'os',
            'util',
            'events',
          ].map((name) => ({
            name,
            message: 'Node built-ins are not allowed in workflow or domain code.',
          })),
        },
      ],
    },
  },
);
