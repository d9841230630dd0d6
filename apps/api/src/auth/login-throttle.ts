import { HttpException, HttpStatus, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Wrong passwords from one client address in an hour before it is refused for the rest of that hour. */
const ADDRESS_FAILURES_PER_HOUR = 100;
const HOUR = 3_600;
const DAY = 86_400;

/** 429 with Retry-After, in the API's error shape: the user is told how long to wait. */
export class LoginLockedError extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    /** What is locked, and whether this very attempt started the lock (and so is worth recording). */
    readonly lock: { scope: 'account' | 'address'; started: boolean } = { scope: 'account', started: false },
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      {
        code: 'login_locked',
        retryAfterSeconds,
        messages: {
          zh: `密码错误次数过多，已暂停登录，请 ${minutes} 分钟后再试`,
          en: `Too many wrong passwords: try again in ${minutes} minute(s)`,
        },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const isRes = (value: unknown): value is RateLimiterRes => value instanceof RateLimiterRes;

/**
 * Brute-force protection for POST /auth/login, counted in Redis so every API instance agrees:
 * LOGIN_MAX_FAILURES wrong passwords in a row lock the account for LOGIN_LOCK_SECONDS, each
 * further lock that day twice as long as the last (at most a day); a client address gets a
 * hundred wrong passwords an hour, whatever the accounts. A locked account refuses even its right
 * password until the lock ends. If Redis cannot be reached, each instance counts alone in memory
 * rather than let logins through uncounted.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis: Redis;
  /** Consecutive failures per account (reset by a success). */
  private readonly failures: RateLimiterRedis;
  /** Locks per account in the last day: the next lock doubles. */
  private readonly locks: RateLimiterRedis;
  private readonly addresses: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis(config.redisUrl, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', (error) => this.logger.warn(`Login throttle: Redis ${String(error)}`));
    const limiter = (name: string, points: number, duration: number, blockDuration = 0) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.redisPrefix}:login:${name}`,
        points,
        duration,
        blockDuration,
        insuranceLimiter: new RateLimiterMemory({ points, duration, blockDuration }),
      });
    this.failures = limiter('failures', config.loginMaxFailures, DAY);
    this.locks = limiter('locks', 1_000, DAY);
    this.addresses = limiter('address', ADDRESS_FAILURES_PER_HOUR, HOUR, HOUR);
  }

  /** Refuses (429) before any password is checked while the account or the address is locked. */
  async assertOpen(username: string, address: string): Promise<void> {
    const [account, client] = await Promise.all([
      this.failures.get(accountKey(username)),
      this.addresses.get(address),
    ]);
    const waits = [
      account && account.consumedPoints > this.config.loginMaxFailures ? account.msBeforeNext : 0,
      client && client.consumedPoints > ADDRESS_FAILURES_PER_HOUR ? client.msBeforeNext : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) throw new LoginLockedError(Math.ceil(wait / 1000));
  }

  /** Counts a wrong password; the one that reaches the limit locks the account and answers 429. */
  async failed(username: string, address: string): Promise<void> {
    const key = accountKey(username);
    const client = await this.addresses.consume(address).catch((r: unknown) => r);
    if (isRes(client) && client.consumedPoints > ADDRESS_FAILURES_PER_HOUR)
      throw new LoginLockedError(Math.ceil(client.msBeforeNext / 1000), {
        scope: 'address',
        started: client.consumedPoints === ADDRESS_FAILURES_PER_HOUR + 1,
      });
    const account = await this.failures.consume(key).catch((r: unknown) => r);
    if (!isRes(account) || account.consumedPoints < this.config.loginMaxFailures) return;
    const locks = await this.locks.consume(key).catch((r: unknown) => r);
    const nth = isRes(locks) ? locks.consumedPoints : 1;
    const seconds = Math.min(DAY, this.config.loginLockSeconds * 2 ** Math.min(nth - 1, 20));
    await this.failures.block(key, seconds);
    this.logger.warn(`Login locked for ${seconds} s after ${account.consumedPoints} wrong passwords`);
    throw new LoginLockedError(seconds, { scope: 'account', started: true });
  }

  /** A right password ends the run of failures (the day's lock count stays, so the next lock is longer). */
  async succeeded(username: string): Promise<void> {
    await this.failures.delete(accountKey(username)).catch(() => false);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

/** Usernames compare case-insensitively at login, so the count must too. */
const accountKey = (username: string) => username.trim().toLowerCase();
