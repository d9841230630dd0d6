import { defaultLadder } from '@tracker/domain';
import { INestApplication, Logger } from '@nestjs/common';
import { connectEsdb, EventStore, RecordedEvent, SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { createApp } from '../../apps/api/src';
import { AppConfig } from '@tracker/platform';
import { Clock } from '@tracker/command-path';
import { EsdbDouble } from '../esdb-double/esdb-double';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  store: EventStore;
  clock: TestClock;
  dataDir: string;
  /** Every event in the store, in feed order: compare two dumps to prove nothing was written. */
  dump(): Promise<RecordedEvent[]>;
  /**
   * Every event but the access log's (access-<day>: sign-ins and the reads of ledgers, files and
   * histories, recorded on purpose whatever the answer): compare two to prove a read wrote nothing.
   */
  written(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export function testConfig(dataDir: string, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    nodeEnv: 'test',
    port: 0,
    host: null,
    trustProxy: false,
    apiDocs: true,
    dataDir,
    jwtSecret: 'test-secret-test-secret-test-secret-0123',
    jwtSecretGenerated: false,
    courtTimezone: 'Asia/Shanghai',
    courtName: '某某市某某区人民法院',
    bulletinIssuer: '中共某某市某某区人民法院党组',
    demo: false,
    adminUsername: 'admin',
    adminPassword: 'admin-password',
    eventStore: 'embedded',
    logLevel: 'error',
    dueSoonDays: 3,
    escalateAfterDays: 7,
    supervisionLadder: defaultLadder(3, 7),
    lookBackMonths: [3, 6],
    redisUrl: TEST_REDIS_URL,
    // Each app's own keys in the shared test Redis (login counters), removed when it closes.
    redisPrefix: `e2e-${process.pid}-${Date.now()}-${++apps}`,
    loginMaxFailures: 5,
    loginLockSeconds: 300,
    accessTokenMinutes: 15,
    sessionHours: 12,
    attachmentMaxBytes: 50 * 1024 * 1024,
    importReportEveryDays: 30,
    importImmediateDays: 30,
    blobStore: { kind: 'filesystem' },
    auditKeyFile: join(dataDir, 'audit-key.pem'),
    auditKeyMayBeCreated: true,
    findings: {
      maxExtensions: 2,
      quickSignOffMinutes: 10,
      nightFromHour: 0,
      nightToHour: 6,
      burstWrites: 50,
      burstMinutes: 10,
    },
    // Argon2id at 1 MiB and one pass, not production's 64 MiB and three (PASSWORD_HASHING): every
    // suite registers a court of accounts and signs each in, and at the production cost that
    // hashing was a large share of the run. The built server (server-process.ts) keeps the
    // production cost, and restart-durability checks it in the hashes the server stored; the
    // login timing test asks for it back.
    passwordHashing: TEST_PASSWORD_HASHING,
    ...overrides,
  };
}

/** The cheapest cost argon2 accepts comfortably: a hash and a check take a millisecond or two. */
export const TEST_PASSWORD_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes what an app kept under its prefix in the shared test Redis (its login counters). */
export async function removeRedisKeys(prefix: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } catch {
    // No Redis here: the app kept nothing in it.
  } finally {
    client.disconnect();
  }
}
let apps = 0;

/** The real API on the embedded store in a temporary directory, served over real HTTP. */
export async function startTestApp(
  options: { demo?: boolean; now?: string; dataDir?: string; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tracker-e2e-'));
  const { store, stopServer } = await openTestStore(dataDir);
  const clock = new TestClock(new Date(options.now ?? '2026-03-02T02:00:00Z'));
  const config = testConfig(dataDir, {
    demo: options.demo ?? false,
    eventStore: testStoreKind(),
    ...options.config,
  });
  const { app } = await createApp({ config, store, clock });
  await app.listen(0, '127.0.0.1');
  const http = request(await app.getUrl());
  return {
    app,
    http,
    store,
    clock,
    dataDir,
    dump: () => store.readAll({ maxCount: 1_000_000 }),
    written: async () =>
      (await store.readAll({ maxCount: 1_000_000 })).filter((e) => !e.streamName.startsWith('access-')),
    async close() {
      await app.close();
      await store.close();
      await stopServer();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (!options.config?.redisPrefix) await removeRedisKeys(config.redisPrefix);
    },
  };
}

export async function login(http: TestApp['http'], username: string, password: string): Promise<string> {
  const response = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
  return response.body.accessToken as string;
}

// ---- EVENT_STORE=esdb: the same suites on the EventStoreDB adapter (jest project e2e-esdb) ----

function testStoreKind(): AppConfig['eventStore'] {
  return process.env.EVENT_STORE === 'esdb' ? 'esdb' : 'embedded';
}

const doubles = new Map<string, EsdbDouble>();

/**
 * The embedded store in the data directory, or, when EVENT_STORE=esdb, the EventStoreDB adapter
 * over real gRPC to a protocol double of its own (test infrastructure; see test/esdb-double).
 */
async function openTestStore(dataDir: string): Promise<{ store: EventStore; stopServer(): Promise<void> }> {
  if (testStoreKind() === 'esdb') {
    // A restart on the same data directory finds the same server, as it would in production.
    const double = doubles.get(dataDir) ?? (await EsdbDouble.start());
    doubles.set(dataDir, double);
    // As in production, drops go to the application's log (level error in tests).
    const log = new Logger('EventStoreDB');
    const store = await connectEsdb(double.connectionString, {
      warn: (message) => log.warn(message),
    });
    return {
      store,
      stopServer: async () => {
        doubles.delete(dataDir);
        await double.stop();
      },
    };
  }
  return { store: SqliteEventStore.open(join(dataDir, 'events.sqlite')), stopServer: async () => undefined };
}
