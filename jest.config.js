// Three projects so each kind of test can run alone (see STYLE.md):
// unit = pure domain specs, int = adapters against real infrastructure, e2e = HTTP end to end.
// ts-jest transpiles (tsconfig.json sets isolatedModules) each file alone (fast); `npm test` type-checks the whole tree first.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];
const common = {
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^@tracker/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};
module.exports = {
  // A demo court's start (seeding through every command) can take seconds on a loaded 2-core machine.
  // Jest 29 reads testTimeout only here, not per project (there it was ignored with a warning).
  testTimeout: 30_000,
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
      ],
      setupFiles: ['<rootDir>/test/support/esdb-env.js'],
    },
  ],
};
