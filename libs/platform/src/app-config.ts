import { isIP } from 'node:net';
import { join } from 'node:path';
import { SupervisionLadder } from '@tracker/domain';
import { readLadder } from './ladder-file';

/** Settings read from the environment, validated once at start-up. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** HOST: the address to listen on; null (the default) listens on every interface. */
  host: string | null;
  /**
   * TRUST_PROXY: Express's 'trust proxy' — false (default: the client address is the socket's),
   * a number of reverse proxies in front, or the proxies' addresses/subnets.
   */
  trustProxy: TrustProxy;
  /** API_DOCS: serve the OpenAPI page at /api/docs; on by default except in production. */
  apiDocs: boolean;
  dataDir: string;
  jwtSecret: string;
  /** True when the secret was generated because none was set (tokens die with the process). */
  jwtSecretGenerated: boolean;
  courtTimezone: string;
  /** COURT_NAME: the court's full name, printed on every document and shown in the web header. */
  courtName: string;
  /** BULLETIN_ISSUER: the issuing body printed on the 督办通报; by default 中共<court>党组. */
  bulletinIssuer: string;
  demo: boolean;
  adminUsername: string | null;
  adminPassword: string | null;
  eventStore: EventStoreKind;
  logLevel: 'error' | 'warn' | 'log' | 'debug';

  // ---- EventStoreDB (EVENT_STORE=esdb) ----
  /** Required when eventStore is 'esdb'; may hold a password: print it only through redactConnectionString. */
  esdbConnectionString?: string;
  // --- Wall chart and alerts ---
  /** DUE_SOON_DAYS: a measure is due soon (黄) this many days before its deadline. */
  dueSoonDays: number;
  /** ESCALATE_AFTER_DAYS: an overdue measure is escalated (督办) this many days after its deadline. */
  escalateAfterDays: number;
  /** SUPERVISION_LADDER_FILE's ladder, or the default three steps of the two settings above. */
  supervisionLadder: SupervisionLadder;
  /** LOOK_BACK_MONTHS (default 3,6): 回头看 reminders this many months after each sign-off, ascending; empty: none. */
  lookBackMonths: number[];

  // --- Redis: the schedulers' queues and the login throttle, shared by every process ---
  /** REDIS_URL */
  redisUrl: string;
  /** QUEUE_PREFIX: the key prefix, so several trackers (or test runs) share one Redis. */
  redisPrefix: string;
  /** LOGIN_MAX_FAILURES: wrong passwords in a row before an account is locked. */
  loginMaxFailures: number;
  /** LOGIN_LOCK_SECONDS: the first lock; each further lock that day lasts twice the last (at most a day). */
  loginLockSeconds: number;
  /** ACCESS_TOKEN_MINUTES: how long an access token lives; the web UI renews it from the session cookie. */
  accessTokenMinutes: number;
  /** SESSION_HOURS: how long a sign-in lasts without signing in again (the refresh cookie's life). */
  sessionHours: number;

  // --- Evidence files (佐证材料) ---
  /** ATTACHMENT_MAX_MB (default 50): the largest file accepted, in bytes here. */
  attachmentMaxBytes: number;

  // --- Importing a problem list (导入) ---
  /** IMPORT_REPORT_EVERY_DAYS (default 30): a 长期坚持 measure imported without a 报告周期 reports this often. */
  importReportEveryDays: number;
  /** IMPORT_IMMEDIATE_DAYS (default 30): a 立行立改 measure imported without a date is due this many days after the campaign's issue. */
  importImmediateDays: number;
  /** BLOB_STORE: where the files live (DATA_DIR/blobs by default; an S3-compatible bucket). */
  blobStore: BlobStoreConfig;

  // --- Audit anchors (审计锚点) ---
  /**
   * AUDIT_KEY_FILE: the court's Ed25519 private key (PEM) that signs audit anchors. Required in
   * production; elsewhere DATA_DIR/audit-key.pem, generated on the first start.
   */
  auditKeyFile: string;
  /** False in production: a missing key file is then an error, never silently replaced. */
  auditKeyMayBeCreated: boolean;
  // --- 审计发现 (GET /audit/findings): the thresholds ---
  findings: FindingThresholds;

  // --- Passwords ---
  /**
   * Argon2id's cost for new password hashes. Always PASSWORD_HASHING from the environment: no
   * setting lowers it. Only code that builds a config itself (the in-process test apps) passes a
   * cheaper one, so that seeding a court of accounts does not spend most of a test file.
   */
  passwordHashing: PasswordHashing;
}

/** Argon2id parameters: memory in KiB, passes, lanes (encoded in every hash as m, t and p). */
export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** The production cost: 64 MiB, 3 passes, 4 lanes (the argon2 package's defaults, stated here). */
export const PASSWORD_HASHING: Readonly<PasswordHashing> = Object.freeze({
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
});

/** FINDINGS_*: what the inspectors' findings count as worth a look (docs/operations.md). */
export interface FindingThresholds {
  /** FINDINGS_MAX_EXTENSIONS (2): a measure extended more often is listed. */
  maxExtensions: number;
  /** FINDINGS_QUICK_SIGN_OFF_MINUTES (10): submitted and signed off within this by one department. */
  quickSignOffMinutes: number;
  /** FINDINGS_NIGHT_FROM_HOUR (0) to FINDINGS_NIGHT_TO_HOUR (6, exclusive), court time. */
  nightFromHour: number;
  nightToHour: number;
  /** FINDINGS_BURST_WRITES (50) writes by one account within FINDINGS_BURST_MINUTES (10). */
  burstWrites: number;
  burstMinutes: number;
}

/** `filesystem`: DATA_DIR/blobs (default); `s3`: an S3-compatible bucket (MinIO, a data centre's object store). */
export type BlobStoreConfig =
  | { kind: 'filesystem' }
  | {
      kind: 's3';
      /** S3_ENDPOINT, e.g. http://minio:9000; unset for AWS itself. */
      endpoint: string | null;
      /** S3_REGION (default us-east-1; MinIO ignores it). */
      region: string;
      /** S3_BUCKET */
      bucket: string;
      /** S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: never printed. */
      accessKeyId: string;
      secretAccessKey: string;
      /** S3_FORCE_PATH_STYLE (default true: what MinIO wants). */
      forcePathStyle: boolean;
      /** S3_PREFIX: key prefix inside the bucket (default none). */
      prefix: string;
    };

/** Express's 'trust proxy' setting: off, a hop count, or the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

/** `embedded`: SQLite in DATA_DIR (default); `esdb`: EventStoreDB/KurrentDB at ESDB_CONNECTION_STRING. */
export type EventStoreKind = 'embedded' | 'esdb';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const KNOWN = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'TRUST_PROXY',
  'API_DOCS',
  'DATA_DIR',
  'JWT_SECRET',
  'COURT_TIMEZONE',
  'COURT_NAME',
  'BULLETIN_ISSUER',
  'DEMO',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'EVENT_STORE',
  'LOG_LEVEL',
  // Read by later capabilities (EventStoreDB, schedulers); accepted so one environment file serves all.
  'ESDB_CONNECTION_STRING',
  'REDIS_URL',
  'DUE_SOON_DAYS',
  'ESCALATE_AFTER_DAYS',
  'SUPERVISION_LADDER_FILE',
  'LOOK_BACK_MONTHS',
  'ALERT_WEBHOOK_URL',
  'ALERT_WEBHOOK_FORMAT',
  'ALERT_WEBHOOK_SECRET',
  'PUBLIC_BASE_URL',
  // Schedulers (apps/worker/src/worker.config.ts).
  'RUN_MODE',
  'QUEUE_PREFIX',
  'RECONCILE_CRON',
  'BULLETIN_CRON',
  // Login throttle.
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCK_SECONDS',
  // Sessions.
  'ACCESS_TOKEN_MINUTES',
  'SESSION_HOURS',
  // Evidence files.
  'ATTACHMENT_MAX_MB',
  // Imports.
  'IMPORT_REPORT_EVERY_DAYS',
  'IMPORT_IMMEDIATE_DAYS',
  'BLOB_STORE',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PREFIX',
  // Audit anchors.
  'AUDIT_KEY_FILE',
  'AUDIT_ANCHOR_CRON',
  // Audit findings.
  'FINDINGS_MAX_EXTENSIONS',
  'FINDINGS_QUICK_SIGN_OFF_MINUTES',
  'FINDINGS_NIGHT_FROM_HOUR',
  'FINDINGS_NIGHT_TO_HOUR',
  'FINDINGS_BURST_WRITES',
  'FINDINGS_BURST_MINUTES',
] as const;

/** Our settings share these prefixes; any other variable with one of them is a misspelling. */
const OWN_PREFIXES = [
  'COURT_',
  'DEMO',
  'ADMIN_',
  'JWT_',
  'ESDB_',
  'EVENT_STORE',
  'DATA_DIR',
  'DUE_SOON',
  'ESCALATE_',
  'SUPERVISION_',
  'LOOK_BACK',
  'ALERT_',
  'LOGIN_',
  'API_',
  'TRUST_',
  'BULLETIN_',
  'ATTACHMENT_',
  'IMPORT_',
  'BLOB_',
  'S3_',
  'AUDIT_',
  'FINDINGS_',
];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  const known = new Set<string>(KNOWN);
  return Object.keys(env)
    .filter((name) => !known.has(name))
    .flatMap((name) => {
      const near = KNOWN.find((k) => k.length > 4 && editDistance(name, k) <= 2);
      if (near) return [`unknown setting ${name} (did you mean ${near}?)`];
      if (OWN_PREFIXES.some((p) => name.startsWith(p))) return [`unknown setting ${name}`];
      return [];
    });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

/**
 * Reads and checks every setting; throws ConfigError naming each problem, so a bad deployment
 * stops at start-up instead of misbehaving later.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  generateSecret: () => string,
  /** The worker alone serves no HTTP and signs no token: it needs no JWT_SECRET. */
  { servesHttp = true }: { servesHttp?: boolean } = {},
): AppConfig {
  const problems = unknownSettings(env);

  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';

  const portRaw = env.PORT ?? '3000';
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number 0-65535 (got "${portRaw}")`);

  const host = readHost(env.HOST, problems);
  const trustProxy = readTrustProxy(env.TRUST_PROXY, problems);
  const apiDocs = parseBoolean('API_DOCS', env.API_DOCS, !production, problems);

  const courtTimezone = env.COURT_TIMEZONE ?? 'Asia/Shanghai';
  if (!isTimeZone(courtTimezone))
    problems.push(`COURT_TIMEZONE must be an IANA time zone such as Asia/Shanghai (got "${courtTimezone}")`);

  const courtName = readName('COURT_NAME', env.COURT_NAME, DEFAULT_COURT_NAME, problems);
  const bulletinIssuer = readName('BULLETIN_ISSUER', env.BULLETIN_ISSUER, `中共${courtName}党组`, problems);

  let jwtSecret = env.JWT_SECRET ?? '';
  let jwtSecretGenerated = false;
  if (jwtSecret === '') {
    if (production && servesHttp) problems.push('JWT_SECRET is required when NODE_ENV=production');
    jwtSecret = generateSecret();
    jwtSecretGenerated = true;
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }

  const demoRequested = parseBoolean('DEMO', env.DEMO, !production, problems);
  if (production && demoRequested && env.DEMO !== undefined) {
    problems.push('DEMO cannot be on when NODE_ENV=production (demo passwords are public)');
  }

  const adminUsername = env.ADMIN_USERNAME?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if ((adminUsername === null) !== (adminPassword === null)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== null && adminPassword.length < 8)
    problems.push('ADMIN_PASSWORD must be at least 8 characters');

  const eventStore = (env.EVENT_STORE ?? 'embedded') as EventStoreKind;
  if (!['embedded', 'esdb'].includes(eventStore)) {
    problems.push(`EVENT_STORE must be "embedded" or "esdb" (got "${eventStore}")`);
  }
  const esdbConnectionString = readEsdbConnectionString(env, eventStore, problems);

  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel))
    problems.push(`LOG_LEVEL must be error, warn, log or debug (got "${logLevel}")`);

  for (const name of ['DUE_SOON_DAYS', 'ESCALATE_AFTER_DAYS'] as const) {
    const raw = env[name];
    if (raw !== undefined && !/^\d{1,3}$/.test(raw))
      problems.push(`${name} must be a whole number of days (got "${raw}")`);
  }

  // --- Wall chart and alerts --- (checked with ESCALATE_AFTER_DAYS above)
  const dueSoonDays = env.DUE_SOON_DAYS === undefined ? 3 : Number(env.DUE_SOON_DAYS);
  const escalateAfterDays = env.ESCALATE_AFTER_DAYS === undefined ? 7 : Number(env.ESCALATE_AFTER_DAYS);
  const supervisionLadder = readLadder(env.SUPERVISION_LADDER_FILE, dueSoonDays, escalateAfterDays, problems);
  const lookBackMonths = readLookBackMonths(env.LOOK_BACK_MONTHS, problems);

  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  const loginMaxFailures = wholeNumber('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5, [1, 100], problems);
  const loginLockSeconds = wholeNumber(
    'LOGIN_LOCK_SECONDS',
    env.LOGIN_LOCK_SECONDS,
    300,
    [1, 86_400],
    problems,
  );

  const accessTokenMinutes = wholeNumber(
    'ACCESS_TOKEN_MINUTES',
    env.ACCESS_TOKEN_MINUTES,
    15,
    [1, 120],
    problems,
  );
  const sessionHours = wholeNumber('SESSION_HOURS', env.SESSION_HOURS, 12, [1, 720], problems);
  const attachmentMaxMb = wholeNumber('ATTACHMENT_MAX_MB', env.ATTACHMENT_MAX_MB, 50, [1, 2048], problems);
  const importReportEveryDays = wholeNumber(
    'IMPORT_REPORT_EVERY_DAYS',
    env.IMPORT_REPORT_EVERY_DAYS,
    30,
    [1, 366],
    problems,
  );
  const importImmediateDays = wholeNumber(
    'IMPORT_IMMEDIATE_DAYS',
    env.IMPORT_IMMEDIATE_DAYS,
    30,
    [1, 366],
    problems,
  );
  const blobStore = readBlobStore(env, problems);
  const auditKeyFile = env.AUDIT_KEY_FILE?.trim() || null;
  if (production && auditKeyFile === null)
    problems.push(
      "AUDIT_KEY_FILE is required when NODE_ENV=production: the court's Ed25519 key that signs audit anchors (openssl genpkey -algorithm ed25519 -out audit-key.pem)",
    );
  const findings: FindingThresholds = {
    maxExtensions: wholeNumber('FINDINGS_MAX_EXTENSIONS', env.FINDINGS_MAX_EXTENSIONS, 2, [0, 100], problems),
    quickSignOffMinutes: wholeNumber(
      'FINDINGS_QUICK_SIGN_OFF_MINUTES',
      env.FINDINGS_QUICK_SIGN_OFF_MINUTES,
      10,
      [0, 1440],
      problems,
    ),
    nightFromHour: wholeNumber(
      'FINDINGS_NIGHT_FROM_HOUR',
      env.FINDINGS_NIGHT_FROM_HOUR,
      0,
      [0, 23],
      problems,
    ),
    nightToHour: wholeNumber('FINDINGS_NIGHT_TO_HOUR', env.FINDINGS_NIGHT_TO_HOUR, 6, [0, 24], problems),
    burstWrites: wholeNumber('FINDINGS_BURST_WRITES', env.FINDINGS_BURST_WRITES, 50, [1, 100_000], problems),
    burstMinutes: wholeNumber('FINDINGS_BURST_MINUTES', env.FINDINGS_BURST_MINUTES, 10, [1, 1440], problems),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    port,
    host,
    trustProxy,
    apiDocs,
    dataDir: env.DATA_DIR ?? './data',
    jwtSecret,
    jwtSecretGenerated,
    courtTimezone,
    courtName,
    bulletinIssuer,
    demo: production ? false : demoRequested,
    adminUsername,
    adminPassword,
    eventStore,
    logLevel,
    ...(esdbConnectionString ? { esdbConnectionString } : {}),
    dueSoonDays,
    escalateAfterDays,
    supervisionLadder,
    lookBackMonths,
    redisUrl,
    redisPrefix: env.QUEUE_PREFIX || 'tracker',
    loginMaxFailures,
    loginLockSeconds,
    accessTokenMinutes,
    sessionHours,
    attachmentMaxBytes: attachmentMaxMb * 1024 * 1024,
    importReportEveryDays,
    importImmediateDays,
    blobStore,
    auditKeyFile: auditKeyFile ?? join(env.DATA_DIR ?? './data', 'audit-key.pem'),
    auditKeyMayBeCreated: !production,
    findings,
    passwordHashing: { ...PASSWORD_HASHING },
  };
}

// ---- 回头看: LOOK_BACK_MONTHS ----

/** The longest interval: ten years after sign-off. */
const LOOK_BACK_MAX_MONTHS = 120;

/**
 * Months after sign-off at which a look-back review falls due, comma-separated ("3,6", the default
 * when unset); set but empty turns the reminders off. Returned ascending, each once.
 */
function readLookBackMonths(raw: string | undefined, problems: string[]): number[] {
  if (raw === undefined) return [3, 6];
  if (raw.trim() === '') return [];
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.filter(
    (e) => !/^\d{1,3}$/.test(e) || Number(e) < 1 || Number(e) > LOOK_BACK_MAX_MONTHS,
  );
  if (bad.length > 0) {
    problems.push(
      `LOOK_BACK_MONTHS must be whole numbers of months from 1 to ${LOOK_BACK_MAX_MONTHS} separated by commas, e.g. 3,6, or empty for no look-back reminders (got "${raw}"; not a number of months: ${bad.map((b) => `"${b}"`).join(', ')})`,
    );
    return [];
  }
  const months = entries.map(Number);
  if (new Set(months).size !== months.length) {
    problems.push(`LOOK_BACK_MONTHS lists an interval twice (got "${raw}")`);
    return [];
  }
  return months.sort((a, b) => a - b);
}

// ---- Evidence files: BLOB_STORE and the S3 settings ----

function readBlobStore(env: NodeJS.ProcessEnv, problems: string[]): BlobStoreConfig {
  const kind = env.BLOB_STORE?.trim() || 'filesystem';
  if (kind === 'filesystem') {
    const known = new Set<string>(KNOWN);
    const stray = Object.keys(env).filter(
      (name) => known.has(name) && name.startsWith('S3_') && env[name] !== '',
    );
    if (stray.length > 0)
      problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'apply' : 'applies'} only with BLOB_STORE=s3`);
    return { kind: 'filesystem' };
  }
  if (kind !== 's3') {
    problems.push(`BLOB_STORE must be "filesystem" or "s3" (got "${kind}")`);
    return { kind: 'filesystem' };
  }
  const required = (name: 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') problems.push(`${name} is required when BLOB_STORE=s3`);
    return value;
  };
  const endpoint = env.S3_ENDPOINT?.trim() || null;
  if (endpoint !== null && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(endpoint))
    problems.push(
      `S3_ENDPOINT must be an http:// or https:// URL such as http://minio:9000 (got "${endpoint}")`,
    );
  const bucket = required('S3_BUCKET');
  if (bucket !== '' && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(
      `S3_BUCKET must be a bucket name of 3-63 lower-case letters, digits, dots and hyphens (got "${bucket}")`,
    );
  const prefix = env.S3_PREFIX?.trim() ?? '';
  if (prefix.startsWith('/') || /\s/.test(prefix))
    problems.push(`S3_PREFIX must not start with / or hold spaces (got "${prefix}")`);
  return {
    kind: 's3',
    endpoint,
    region: env.S3_REGION?.trim() || 'us-east-1',
    bucket,
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: parseBoolean('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, true, problems),
    prefix,
  };
}

/** What a court calls itself until COURT_NAME is set. */
export const DEFAULT_COURT_NAME = '某某市某某区人民法院';

/**
 * A name printed on documents (COURT_NAME, BULLETIN_ISSUER): one line of 2 to 40 characters, no
 * control characters, and not starting with a character a spreadsheet reads as a formula.
 */
function readName(name: string, raw: string | undefined, fallback: string, problems: string[]): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim();
  const length = [...value].length;
  // eslint-disable-next-line no-control-regex
  if (length < 2 || length > 40 || /[\u0000-\u001f\u007f]/.test(value) || /^[=+\-@]/.test(value)) {
    problems.push(
      `${name} must be one line of 2 to 40 characters, not starting with = + - @ (got "${raw}"), e.g. 某某市某某区人民法院`,
    );
    return fallback;
  }
  return value;
}

function wholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  [min, max]: [number, number],
  problems: string[],
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d{1,6}$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

// ---- Network: HOST, TRUST_PROXY ----

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An IP address or a host name; unset or blank is every interface. */
function readHost(raw: string | undefined, problems: string[]): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (isIP(value) === 0 && !HOST_NAME.test(value)) {
    problems.push(
      `HOST must be an IP address or host name to listen on, such as 0.0.0.0, :: or 127.0.0.1; leave it unset for every interface (got "${raw}")`,
    );
    return null;
  }
  return value;
}

/** Names Express (proxy-addr) knows for ranges of addresses. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * `false` (default), a whole number of proxies in front, or a comma-separated list of their
 * addresses, subnets (CIDR) or loopback/linklocal/uniquelocal. `true` is refused: it would believe
 * an X-Forwarded-For sent by anyone.
 */
function readTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || ['false', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) {
    problems.push(
      'TRUST_PROXY=true would believe an X-Forwarded-For header sent by any client; give the number of reverse proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5 or 10.0.0.0/24)',
    );
    return false;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxies (e.g. 1), or a comma-separated list of proxy addresses, subnets (10.0.0.0/24) or loopback/linklocal/uniquelocal (got "${raw}"; not an address: ${bad.map((b) => `"${b}"`).join(', ')})`,
    );
    return false;
  }
  return entries;
}

// ---- EventStoreDB (EVENT_STORE=esdb) ----

/** Checked only when EVENT_STORE=esdb; the problem never echoes the string, which may hold a password. */
function readEsdbConnectionString(
  env: NodeJS.ProcessEnv,
  eventStore: string,
  problems: string[],
): string | undefined {
  if (eventStore !== 'esdb') return undefined;
  const value = env.ESDB_CONNECTION_STRING?.trim() ?? '';
  if (value === '') {
    problems.push(
      'ESDB_CONNECTION_STRING is required when EVENT_STORE=esdb (e.g. esdb://127.0.0.1:2113?tls=false, or esdb+discover://node1:2113,node2:2113,node3:2113 for a cluster)',
    );
    return undefined;
  }
  if (!/^esdb(\+discover)?:\/\/[^\s]+$/.test(value)) {
    problems.push('ESDB_CONNECTION_STRING must start with esdb:// or esdb+discover://');
    return undefined;
  }
  return value;
}
