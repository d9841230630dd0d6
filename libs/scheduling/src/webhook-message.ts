import { createHmac } from 'node:crypto';

/** ALERT_WEBHOOK_FORMAT: the generic JSON body, the 企业微信 group robot, or the 钉钉 custom robot. */
export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * One message to push, in every format at once: the JSON body for an OA system, and the
 * Chinese markdown a messaging robot shows (a title, a few lines, a link to the measure).
 */
export interface Push {
  /** Names the fact in the JSON body: `alert`, `urge`, `notice`. */
  event: string;
  measureId: string;
  /** 【逾期】整改措施 1-2 */
  title: string;
  lines: string[];
  /** Absolute link to the measure's page; null when PUBLIC_BASE_URL is not set. */
  link: string | null;
  /** The facts for the JSON format (what the `alert` webhook has always posted). */
  json: Record<string, unknown>;
}

/** A delivery job: one push to one robot, so a failing robot is retried without re-sending to the others. */
export interface WebhookJob {
  url: string;
  push: Push;
}

export interface WebhookRequest {
  url: string;
  body: unknown;
}

/** The link to a measure's page in the web UI, or null without a public base URL. */
export function measureLink(publicBaseUrl: string | null, measureId: string): string | null {
  return publicBaseUrl
    ? `${publicBaseUrl.replace(/\/+$/, '')}/measures/${encodeURIComponent(measureId)}`
    : null;
}

function markdown(push: Push): string {
  const lines = [`### ${push.title}`, ...push.lines.map((l) => `> ${l}`)];
  if (push.link) lines.push('', `[查看整改措施](${push.link})`);
  return lines.join('\n');
}

/**
 * DingTalk's signature for a robot with 加签: HMAC-SHA256 of `timestamp\nsecret` keyed by the
 * secret, base64, URL-encoded, sent as `&timestamp=&sign=` (timestamp in milliseconds; the robot
 * refuses one more than an hour off).
 */
export function dingTalkSign(secret: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return encodeURIComponent(digest);
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** The HTTP request that delivers a push in the chosen format. */
export function webhookRequest(
  format: WebhookFormat,
  push: Push,
  url: string,
  secret: string | null,
  now: Date,
): WebhookRequest {
  switch (format) {
    case 'json':
      return { url, body: { event: push.event, ...push.json, link: push.link } };
    case 'wecom':
      // https://developer.work.weixin.qq.com/document/path/91770 (群机器人)
      return { url, body: { msgtype: 'markdown', markdown: { content: markdown(push) } } };
    case 'dingtalk': {
      // https://open.dingtalk.com/document/robots/custom-robot-access (自定义机器人)
      const timestamp = now.getTime();
      const signed = secret
        ? withQuery(url, `timestamp=${timestamp}&sign=${dingTalkSign(secret, timestamp)}`)
        : url;
      return {
        url: signed,
        body: { msgtype: 'markdown', markdown: { title: push.title, text: markdown(push) } },
      };
    }
  }
}

/**
 * Both robots answer HTTP 200 with `{"errcode": …, "errmsg": …}`; a non-zero errcode (a bad
 * signature, a rate limit) is a failure to retry like a 5xx.
 */
export function robotFailure(status: number, body: string): string | null {
  if (status < 200 || status >= 300) return `Webhook answered ${status}`;
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (
      parsed &&
      typeof parsed === 'object' &&
      parsed.errcode !== undefined &&
      Number(parsed.errcode) !== 0
    ) {
      return `Webhook answered errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '')}`;
    }
  } catch {
    // Not JSON: an OA system's own answer; the status said it was accepted.
  }
  return null;
}
