import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectEsdb } from '@tracker/event-store';
import { EsdbDouble } from './esdb-double/esdb-double';
import {
  ensureBuilt,
  freePort,
  JWT_SECRET,
  killAllServers,
  runUntilExit,
  startServer,
  waitForStdout,
} from './support/server-process';

/**
 * The built server (as `npm start` runs it) with EVENT_STORE=esdb: it refuses to start, quickly and
 * naming the endpoint, when EventStoreDB cannot be reached, and serves from EventStoreDB when it can
 * (here the protocol double, over real gRPC from the server process).
 */
describe('start-up with EVENT_STORE=esdb', () => {
  const dirs: string[] = [];
  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-esdb-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => ensureBuilt(), 150_000);
  afterEach(() => killAllServers());
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero within 15 s naming the unreachable endpoint, without its password', async () => {
    const port = await freePort();
    const dir = dataDir();

    const result = await runUntilExit(
      {
        PORT: String(await freePort()),
        DATA_DIR: join(dir, 'data'),
        JWT_SECRET,
        EVENT_STORE: 'esdb',
        ESDB_CONNECTION_STRING: `esdb://admin:s3cret-pw@127.0.0.1:${port}?tls=false`,
      },
      15_000,
    );

    expect({ exitedInTime: result.exitedInTime, signal: result.signal }).toEqual({
      exitedInTime: true,
      signal: null,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).toMatch(/Cannot reach EventStoreDB/);
    expect(result.stderr + result.stdout).not.toContain('s3cret-pw');
    expect(readdirSync(dir)).toEqual([]);
  }, 20_000);

  it('refuses EVENT_STORE=esdb without ESDB_CONNECTION_STRING, naming the setting', async () => {
    const result = await runUntilExit(
      { PORT: String(await freePort()), DATA_DIR: join(dataDir(), 'data'), JWT_SECRET, EVENT_STORE: 'esdb' },
      10_000,
    );

    expect(result.exitedInTime).toBe(true);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ESDB_CONNECTION_STRING is required when EVENT_STORE=esdb/);
  }, 15_000);

  describe('with a reachable server', () => {
    let double: EsdbDouble;

    beforeAll(async () => {
      double = await EsdbDouble.start();
    });
    afterAll(() => double.stop());

    it('serves from EventStoreDB: the first admin is recorded there and can log in', async () => {
      const dir = dataDir();
      const server = await startServer({
        DATA_DIR: join(dir, 'data'),
        JWT_SECRET,
        DEMO: 'false',
        ADMIN_USERNAME: 'root',
        ADMIN_PASSWORD: 'root-password-1',
        EVENT_STORE: 'esdb',
        ESDB_CONNECTION_STRING: double.connectionString,
      });

      const login = await server.http
        .post('/api/v1/auth/login')
        .send({ username: 'root', password: 'root-password-1' });
      expect(login.status).toBe(200);
      expect(await waitForStdout(server, '(EventStoreDB)')).toContain(
        `${double.connectionString} (EventStoreDB)`,
      );
      expect(double.activeSubscriptions).toBeGreaterThanOrEqual(1);
      const store = await connectEsdb(double.connectionString);
      const feed = await store.readAll();
      await store.close();
      expect(feed.map((event) => event.type)).toContain('UserRegistered');
      // No embedded event store was created (DATA_DIR holds only the projections' read models).
      expect(existsSync(join(dir, 'data', 'events.sqlite'))).toBe(false);
      await server.kill('SIGTERM');
    }, 30_000);
  });
});
