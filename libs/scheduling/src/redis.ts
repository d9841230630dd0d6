import { Logger } from '@nestjs/common';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis, { RedisOptions } from 'ioredis';

const logger = new Logger('Redis');

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** ioredis options for a redis:// URL; BullMQ workers need maxRetriesPerRequest null. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

async function ping(url: string): Promise<string | null> {
  const client = new Redis({
    ...redisOptions(url),
    lazyConnect: true,
    connectTimeout: 1_500,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

/** Warns when Redis may evict keys: an evicted delayed job is an alert late until the reconcile. */
export async function checkRedisSettings(url: string): Promise<void> {
  const client = new Redis({
    ...redisOptions(url),
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
    if (policy !== 'noeviction') {
      logger.warn(
        `Redis maxmemory-policy is "${policy}", not "noeviction": Redis may evict queued alert jobs (the daily reconcile repairs that, late). Set maxmemory-policy noeviction.`,
      );
    }
  } catch (error) {
    logger.warn(`Could not read Redis maxmemory-policy (${String(error)}); make sure it is noeviction`);
  } finally {
    client.disconnect();
  }
}

export interface PrivateRedis {
  stop(): Promise<void>;
}

const isLocal = (url: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Makes sure Redis answers at `url`. When nothing does, the URL is local and redis-server is
 * installed, starts a private one under DATA_DIR with AOF persistence, so a fresh machine runs
 * the tracker with one command. Otherwise throws a message saying exactly what to do.
 */
export async function ensureRedis(url: string, dataDir: string): Promise<PrivateRedis | null> {
  const failure = await ping(url);
  if (failure === null) {
    await checkRedisSettings(url);
    return null;
  }
  if (!isLocal(url) || !hasRedisServer()) {
    throw new RedisUnavailableError(
      `Redis is not reachable at ${url} (${failure}). Start Redis there or set REDIS_URL to a running one` +
        (isLocal(url)
          ? `; or install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and the tracker starts a private one under DATA_DIR.`
          : '.'),
    );
  }
  const dir = resolve(join(dataDir, 'redis'));
  mkdirSync(dir, { recursive: true });
  const port = new URL(url).port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      port,
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && (await ping(url)) !== null; i++) await new Promise((r) => setTimeout(r, 100));
  const late = await ping(url);
  if (late !== null) {
    child.kill('SIGTERM');
    throw new RedisUnavailableError(
      `Started redis-server on port ${port} under ${dir}, but it does not answer (${late})`,
    );
  }
  logger.log(`Started a private redis-server on port ${port} (AOF under ${dir})`);
  return {
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
