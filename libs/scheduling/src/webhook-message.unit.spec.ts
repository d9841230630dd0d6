import { defaultLadder } from '@tracker/domain';
import { createHmac } from 'node:crypto';
import { loadWorkerConfig } from './worker.config';
import { dingTalkSign, Push, robotFailure, webhookRequest } from './webhook-message';

const push: Push = {
  event: 'alert',
  measureId: 'm-1',
  title: '【逾期】整改措施 1-2',
  lines: ['整改措施：1-2 建立立案登记台账', '逾期：整改期限 2026-03-10'],
  link: 'https://tracker.court.example/measures/m-1',
  json: { measureId: 'm-1', alertId: 'v1-deadline-overdue', level: 'overdue' },
};
const NOW = new Date('2026-03-11T01:00:00.000Z');
const app = {
  supervisionLadder: defaultLadder(3, 7),
  redisUrl: 'redis://127.0.0.1:6379',
  redisPrefix: 'tracker',
};

describe('webhook formats', () => {
  it('json posts the facts with the event name and the link', () => {
    expect(webhookRequest('json', push, 'http://oa/hook', null, NOW)).toEqual({
      url: 'http://oa/hook',
      body: {
        event: 'alert',
        measureId: 'm-1',
        alertId: 'v1-deadline-overdue',
        level: 'overdue',
        link: push.link,
      },
    });
  });

  it('wecom posts a markdown message naming the measure, the step and the link', () => {
    const { url, body } = webhookRequest(
      'wecom',
      push,
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
      null,
      NOW,
    );
    expect(url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K');
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '### 【逾期】整改措施 1-2\n> 整改措施：1-2 建立立案登记台账\n> 逾期：整改期限 2026-03-10\n\n[查看整改措施](https://tracker.court.example/measures/m-1)',
      },
    });
  });

  it('dingtalk posts markdown with a title and signs the URL with the secret', () => {
    const { url, body } = webhookRequest(
      'dingtalk',
      push,
      'https://oapi.dingtalk.com/robot/send?access_token=T',
      'SECabc',
      NOW,
    );
    const expected = encodeURIComponent(
      createHmac('sha256', 'SECabc').update(`${NOW.getTime()}\nSECabc`).digest('base64'),
    );
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=${NOW.getTime()}&sign=${expected}`,
    );
    expect(dingTalkSign('SECabc', NOW.getTime())).toBe(expected);
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: '【逾期】整改措施 1-2' } });
    expect((body as { markdown: { text: string } }).markdown.text).toContain('逾期：整改期限 2026-03-10');
  });

  it('a robot answering 200 with a non-zero errcode has failed; errcode 0 or a plain 2xx has not', () => {
    expect(robotFailure(200, '{"errcode":310000,"errmsg":"sign not match"}')).toMatch(/errcode 310000/);
    expect(robotFailure(200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotFailure(204, '')).toBeNull();
    expect(robotFailure(503, '')).toMatch(/503/);
  });
});

describe('webhook settings', () => {
  it('reads several URLs separated by commas, the format and the secret', () => {
    const config = loadWorkerConfig(
      {
        ALERT_WEBHOOK_URL: 'https://a.example/hook, https://b.example/hook',
        ALERT_WEBHOOK_FORMAT: 'dingtalk',
        ALERT_WEBHOOK_SECRET: 'SECabc',
        PUBLIC_BASE_URL: 'https://tracker.court.example/',
      },
      app,
    );
    expect(config).toMatchObject({
      alertWebhookUrls: ['https://a.example/hook', 'https://b.example/hook'],
      alertWebhookFormat: 'dingtalk',
      alertWebhookSecret: 'SECabc',
      publicBaseUrl: 'https://tracker.court.example',
    });
  });

  it('refuses an unknown format, a URL that is not http(s), and a secret for a robot that takes none', () => {
    expect(() => loadWorkerConfig({ ALERT_WEBHOOK_FORMAT: 'slack' }, app)).toThrow(
      /ALERT_WEBHOOK_FORMAT must be json, wecom or dingtalk \(got "slack"\)/,
    );
    expect(() => loadWorkerConfig({ ALERT_WEBHOOK_URL: 'https://a.example/hook,ftp://b' }, app)).toThrow(
      /ALERT_WEBHOOK_URL must be http\(s\) URLs separated by commas \(got "ftp:\/\/b"\)/,
    );
    expect(() => loadWorkerConfig({ ALERT_WEBHOOK_SECRET: 'SECabc' }, app)).toThrow(
      /ALERT_WEBHOOK_FORMAT=dingtalk/,
    );
  });
});
