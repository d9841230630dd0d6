// Three projects so each kind of test can run alone (see STYLE.md):
// unit = pure domain specs, int = adapters against real infrastructure, e2e = HTTP end to end.
// ts-jest transpiles (tsconfig.json sets isolatedModules) each file alone (fast); `npm test` type-checks the whole tree first.
const { existsSync } = require('node:fs');
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];
// The browser suite drives Debian's Chromium; without it the suite registers nothing, and says so once.
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.JEST_WORKER_ID)
  console.log("SKIPPED: browser tests need Debian's chromium (apt-get install chromium)");
// The AWS SDK warns once per process that its releases after January 2027 will need Node 22; the
// lock file pins today's, and the warning is not a test's report (docs/operations.md says it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const common = {
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^@tracker/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};
module.exports = {
  // The API suites start a real app and hash passwords with argon2 in their hooks; on a shared
  // 2-core machine that can outlast jest's default 5 s, and a cut-off hook fails the whole file.
  testTimeout: 30_000,
  // Jest's default is one worker fewer than the cores: one, here. Most suites wait on HTTP, Redis,
  // Chromium and LibreOffice rather than compute, so two workers on the two cores keep `npm test`
  // within its 15 minutes (one worker took 21).
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.unit.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    // The in-process API suites again, on the EventStoreDB adapter against the gRPC double (test/esdb-double).
    {
      ...common,
      displayName: 'e2e-esdb',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '/restart-durability\\.',
        '/startup-config\\.',
        '/startup-esdb\\.',
        '/redis-startup\\.',
        // Rebuilds from DATA_DIR/events.sqlite: an embedded-store operation.
        '/projections-rebuild\\.',
        '/worker-process\\.',
        // Kills the built server (embedded store) during an upload.
        '/evidence-upload-crash\\.',
        // Rewrites DATA_DIR/events.sqlite with the sqlite3 shell between two starts.
        '/audit-anchors\\.',
        // Reads through the port like every export (the contract suite holds both adapters to it); once is enough.
        '/audit-export\\.',
        // Restarts on its data directory mid-apply (the double does not outlive close); imports run
        // the ordinary commands, which the other suites cover on this adapter.
        '/imports\\.e2e\\.',
        // Who may do what, and that no input makes a 5xx, are decided before the store is touched,
        // by the same code on either adapter; the two largest suites (every route × every role, every
        // route × every malformed input) run once, on the embedded store, to keep npm test in budget.
        // This adapter's own refusals (stale revisions, retries, bad input that reaches it) are held
        // here by concurrency-and-idempotency, bad-input and measure-lifecycle.
        '/authorisation-matrix\\.',
        '/no-5xx\\.',
        // The login throttle counts in Redis (the sign-ins it logs reach this adapter in sessions);
        // security headers and compression live in the HTTP layer.
        '/login-protection\\.',
        '/http-hardening\\.',
        '/compression\\.',
      ],
      setupFiles: ['<rootDir>/test/support/esdb-env.js'],
    },
    // The web UI in Chromium against the real API serving the built dist/web (npm run build:web first).
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
      // Without Chromium every path is ignored (an empty testMatch would match every file).
      testPathIgnorePatterns: haveChromium ? ['/node_modules/', '/dist/'] : ['.*'],
      setupFilesAfterEnv: ['<rootDir>/test/browser/jest-setup.ts'],
    },
  ],
};
