import { SupervisionLadder } from '@tracker/domain';
import { AppConfig, ConfigError } from '@tracker/platform';
import { WEBHOOK_FORMATS, WebhookFormat } from './webhook-message';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export type RunMode = 'all' | 'api' | 'worker';

/** Settings of the schedulers (BullMQ on Redis), validated once at start-up like AppConfig. */
export interface WorkerConfig {
  runMode: RunMode;
  redisUrl: string;
  /** BullMQ key prefix: lets several trackers (or test runs) share one Redis. */
  queuePrefix: string;
  /** The court's supervision ladder (AppConfig.supervisionLadder). */
  ladder: SupervisionLadder;
  /** ALERT_WEBHOOK_URL: every receiver, comma-separated; empty when none. */
  alertWebhookUrls: string[];
  /** ALERT_WEBHOOK_FORMAT: json (default), wecom or dingtalk. */
  alertWebhookFormat: WebhookFormat;
  /** ALERT_WEBHOOK_SECRET: DingTalk's 加签 secret (SEC…); null when the robot is not signed. */
  alertWebhookSecret: string | null;
  /** PUBLIC_BASE_URL: where users open the tracker (e.g. http://tracker.court.example), for links in pushes. */
  publicBaseUrl: string | null;
  /** Cron patterns, evaluated in COURT_TIMEZONE. */
  reconcileCron: string;
  bulletinCron: string;
  /** AUDIT_ANCHOR_CRON: when the daily audit anchor is signed (default 00:05 court time). */
  anchorCron: string;
}

const CRON = /^(\S+\s+){4,5}\S+$/;

/** `app` supplies the settings shared with the API (parsed once, by loadConfig): Redis, the ladder. */
export function loadWorkerConfig(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'supervisionLadder' | 'redisUrl' | 'redisPrefix'>,
): WorkerConfig {
  const problems: string[] = [];
  const runMode = (env.RUN_MODE ?? 'all') as RunMode;
  if (!['all', 'api', 'worker'].includes(runMode))
    problems.push(`RUN_MODE must be all, api or worker (got "${runMode}")`);
  const webhooks = (env.ALERT_WEBHOOK_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const url of webhooks) {
    if (!/^https?:\/\/\S+$/.test(url))
      problems.push(`ALERT_WEBHOOK_URL must be http(s) URLs separated by commas (got "${url}")`);
  }
  const format = (env.ALERT_WEBHOOK_FORMAT?.trim() || 'json') as WebhookFormat;
  if (!WEBHOOK_FORMATS.includes(format))
    problems.push(`ALERT_WEBHOOK_FORMAT must be json, wecom or dingtalk (got "${format}")`);
  const secret = env.ALERT_WEBHOOK_SECRET?.trim() || null;
  if (secret !== null && format !== 'dingtalk')
    problems.push(`ALERT_WEBHOOK_SECRET is DingTalk's signing secret: set ALERT_WEBHOOK_FORMAT=dingtalk`);
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim() || null;
  if (publicBaseUrl !== null && !/^https?:\/\/\S+$/.test(publicBaseUrl))
    problems.push(`PUBLIC_BASE_URL must be an http(s) URL (got "${publicBaseUrl}")`);
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
    ladder: app.supervisionLadder,
    alertWebhookUrls: webhooks,
    alertWebhookFormat: format,
    alertWebhookSecret: secret,
    publicBaseUrl: publicBaseUrl?.replace(/\/+$/, '') ?? null,
    reconcileCron,
    bulletinCron,
    anchorCron,
  };
}
