import { EsdbDouble } from '../../../../test/esdb-double/esdb-double';
import { eventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

const FAST_RESUBSCRIBE = { initialDelayMs: 20, maxDelayMs: 200 };

describe('EsdbEventStore against the protocol double (real client, real gRPC)', () => {
  let double: EsdbDouble;

  beforeAll(async () => {
    double = await EsdbDouble.start();
  });
  afterAll(() => double.stop());

  eventStoreContract(
    'EsdbEventStore + EsdbDouble',
    async () => {
      const store = await EsdbEventStore.connect(double.connectionString, { resubscribe: FAST_RESUBSCRIBE });
      return { store, dispose: () => store.close() };
    },
    { dropSubscriptions: () => double.dropSubscriptions() },
  );
});

// A real EventStoreDB/KurrentDB only when one is configured; CI machines here cannot run one.
const realServer = process.env.ESDB_CONNECTION_STRING;
if (realServer) {
  eventStoreContract('EsdbEventStore + real server', async () => {
    const store = await EsdbEventStore.connect(realServer);
    return { store, dispose: () => store.close() };
  });
} else {
  // Printed, not counted: a skipped run must not look like a passing one.
  console.log('SKIPPED: EventStore contract against a real EventStoreDB (ESDB_CONNECTION_STRING not set)');
}
