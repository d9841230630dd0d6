import { AppConfig } from '@tracker/platform';
import { DemoLogin } from '../demo/demo-seeder';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-court';
import { describeEventStore } from '@tracker/platform';
import { webAppBuilt } from '../http/web-app';

/** What the operator needs after `npm start`: where the web UI and the API listen, where data lives, how to log in. */
export function printBanner(config: AppConfig, url: string, seeded: DemoLogin[]): void {
  const base = url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    '整改任务跟踪系统 Rectification tracker is running',
    webAppBuilt()
      ? `  Web UI:   ${base}/`
      : '  Web UI:   not built (run npm run build:web, then start again)',
    `  API:      ${base}/api/v1`,
    config.apiDocs
      ? `  API docs: ${base}/api/docs`
      : '  API docs: off (NODE_ENV=production; set API_DOCS=true to serve them)',
    `  Data:     ${describeEventStore(config)}`,
  ];
  if (config.jwtSecretGenerated)
    lines.push(
      '  Note:     JWT_SECRET is not set; a random one is used, so logins end when the process stops.',
    );
  if (config.demo) {
    lines.push(
      '  DEMO MODE: every demo account shares one published password and need not change it. Not for real',
      '            data: run with NODE_ENV=production (or DEMO=false) and ADMIN_USERNAME/ADMIN_PASSWORD.',
    );
    lines.push(
      seeded.length > 0
        ? '  Demo data seeded. Demo logins (password for all: ' + DEMO_PASSWORD + '):'
        : '  Demo mode. Demo logins (password for all: ' + DEMO_PASSWORD + '):',
    );
    for (const u of DEMO_USERS)
      lines.push(`    ${u.username.padEnd(12)} ${u.role.padEnd(16)} ${u.displayName}（${u.title}）`);
    lines.push(
      `  Try:      curl -s -X POST ${base}/api/v1/auth/login -H 'Content-Type: application/json' -d '{"username":"shuji","password":"${DEMO_PASSWORD}"}'`,
    );
  }
  console.log(lines.join('\n') + '\n');
}
