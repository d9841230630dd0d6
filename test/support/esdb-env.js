// Jest project e2e-esdb: test/support/test-app.ts reads this and runs the API on the EventStoreDB
// adapter against the protocol double instead of the embedded store.
process.env.EVENT_STORE = 'esdb';
