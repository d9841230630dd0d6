import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { login, startTestApp, TestApp } from '../support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
export const DEMO_PASSWORD = 'Demo@2026';

export interface WebHarness {
  api: TestApp;
  origin: string;
  browser: Browser;
  /**
   * Every request a page made to anything but the test origin, and (as `CSP blocked …`) everything
   * the server's content-security policy stopped a page from loading or running.
   */
  foreign: string[];
  /**
   * A fresh browser context (its own sessionStorage) whose requests are watched. Its system asks
   * for reduced motion unless `motion` says otherwise: pop-ups then open at once, so a click never
   * lands where a confirmation's button will be only once it has finished zooming in.
   */
  newPage(viewport?: { width: number; height: number }, motion?: 'reduce' | 'no-preference'): Promise<Page>;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API on a temporary embedded store with the demo court, serving the built web, and
 * Debian's Chromium with a fresh profile. The clock is today's, so the browser and the server agree
 * on what "today" is.
 */
export async function startWebHarness(): Promise<WebHarness> {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: run npm run build:web before the browser tests');
  const api = await startTestApp({ demo: true, now: new Date().toISOString() });
  const origin = new URL(await api.app.getUrl()).origin.replace('[::1]', '127.0.0.1');
  // launch() gives every run a fresh temporary profile of its own (Playwright refuses --user-data-dir).
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    })
    .catch(async (error: unknown) => {
      await api.close();
      throw error;
    });
  const foreign: string[] = [];
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    api,
    origin,
    browser,
    foreign,
    async newPage(viewport = { width: 1366, height: 768 }, motion = 'reduce') {
      const context = await browser.newContext({
        viewport,
        reducedMotion: motion,
        baseURL: origin,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      context.on('request', (request) => {
        const url = request.url();
        // blob: URLs of this origin (an evidence preview, fetched from this server) are this origin's too.
        if (!url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`) && !url.startsWith('data:'))
          foreign.push(url);
      });
      context.setDefaultTimeout(25_000);
      await context.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP blocked ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));",
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('CSP blocked'))
          foreign.push(message.text());
      });
      return page;
    },
    token: (username) => login(api.http, username, DEMO_PASSWORD),
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await api.close();
    },
  };
}

export async function signIn(page: Page, username: string, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
