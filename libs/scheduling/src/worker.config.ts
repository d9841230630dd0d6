import { AppConfig, ConfigError } from '@tracker/platform';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export type RunMode = 'all' | 'api' | 'worker';

/** Settings of the schedulers (BullMQ on Redis), validated once at start-up like AppConfig. */
export interface WorkerConfig {
  runMode: RunMode;
  redisUrl: string;
  /** BullMQ key prefix: lets several trackers (or test runs) share one Redis. */
  queuePrefix: string;
  dueSoonDays: number;
  escalateAfterDays: number;
  alertWebhookUrl: string | null;
  /** Cron patterns, evaluated in COURT_TIMEZONE. */
  reconcileCron: string;
  bulletinCron: string;
  /** AUDIT_ANCHOR_CRON: when the daily audit anchor is signed (default 00:05 court time). */
  anchorCron: string;
}

const CRON = /^(\S+\s+){4,5}\S+$/;

/** `app` supplies the settings shared with the API (parsed once, by loadConfig): Redis, the due-soon days. */
export function loadWorkerConfig(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'dueSoonDays' | 'redisUrl' | 'redisPrefix'>,
): WorkerConfig {
  const problems: string[] = [];
  const runMode = (env.RUN_MODE ?? 'all') as RunMode;
  if (!['all', 'api', 'worker'].includes(runMode))
    problems.push(`RUN_MODE must be all, api or worker (got "${runMode}")`);
  const webhook = env.ALERT_WEBHOOK_URL?.trim() || null;
  if (webhook !== null && !/^https?:\/\//.test(webhook))
    problems.push(`ALERT_WEBHOOK_URL must be an http(s) URL (got "${webhook}")`);
  const reconcileCron = env.RECONCILE_CRON ?? '0 30 1 * * *';
  const bulletinCron = env.BULLETIN_CRON ?? '0 0 8 * * 1';
  const anchorCron = env.AUDIT_ANCHOR_CRON ?? '0 5 0 * * *';
  for (const [name, value] of [
    ['RECONCILE_CRON', reconcileCron],
    ['BULLETIN_CRON', bulletinCron],
    ['AUDIT_ANCHOR_CRON', anchorCron],
  ]) {
    if (!CRON.test(value.trim()))
      problems.push(`${name} must be a cron pattern such as "0 30 1 * * *" (got "${value}")`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    runMode,
    redisUrl: app.redisUrl,
    queuePrefix: app.redisPrefix,
    dueSoonDays: app.dueSoonDays,
    // loadConfig has already checked this is a whole number.
    escalateAfterDays: Number(env.ESCALATE_AFTER_DAYS ?? 7),
    alertWebhookUrl: webhook,
    reconcileCron,
    bulletinCron,
    anchorCron,
  };
}
