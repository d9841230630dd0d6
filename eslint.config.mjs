import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

// Apps stand on libs: an app never imports another app, a lib never imports an app, and tests and
// benches reach an app only through its public entry point (apps/<name>/src/index.ts).
const apps = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const frameworks = {
  group: [
    '@nestjs/*',
    'express',
    'better-sqlite3',
    '@eventstore/*',
    'bullmq',
    'ioredis',
    'class-validator',
    'class-transformer',
    '@tracker/event-store',
  ],
  message: 'The domain must not import frameworks or databases.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-artifacts/**',
      'data/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.{ts,tsx}`],
    rules: restrict({
      regex: `(^|/)(${apps.filter((other) => other !== app).join('|')})/src(/|$)`,
      message: 'An app never imports another app: move what both need into a lib.',
    }),
  })),
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: restrict({ regex: '(^|/)apps/', message: 'A lib never imports an app.' }),
  },
  {
    // The domain is plain TypeScript: its rules must read and test alone; so is reading an import.
    files: ['libs/domain/**/*.ts', 'libs/importing/**/*.ts'],
    rules: restrict(frameworks, { regex: '(^|/)apps/', message: 'A lib never imports an app.' }),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: restrict({
      regex: '(^|/)apps/[^/]+/src/.+',
      message: 'Tests and benches reach an app only through its public entry point (apps/<name>/src).',
    }),
  },
  {
    // The web UI: only the two classic hook rules (the compiler-era rules of v7 are not adopted yet).
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
