import { startWebHarness, screenshot, signIn, WebHarness } from './browser-harness';

let web: WebHarness;
beforeAll(async () => {
  web = await startWebHarness();
}, 60_000);
afterAll(() => web?.close());
afterEach(() => {
  // The intranet has nothing but this server: no page may ask another origin for anything.
  expect(web.foreign).toEqual([]);
});

describe('signing in and out', () => {
  it('sends the secretary to the wall chart with name and post in the header, and logout back to the login page', async () => {
    const page = await web.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await page.getByText('整改任务跟踪系统').first().waitFor();
    await screenshot(page, 'login-1366');
    await signIn(page, 'shuji');
    await page.waitForURL(/\/board$/);
    await page.getByTestId('who').getByText('王建国').waitFor();
    expect(await page.getByTestId('who').innerText()).toContain('党组书记');
    await page.locator('tr[data-row-key]').first().waitFor();
    await screenshot(page, 'board-1366');

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login$/);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    // Signed out means signed out: the board now asks for a login first, and comes back to it.
    await page.goto('/board');
    await page.waitForURL(/\/login\?next=%2Fboard$/);
  });

  it('renews an expired access token from the session cookie without asking to sign in again; 退出 ends the session', async () => {
    const page = await web.newPage();
    await signIn(page, 'limin');
    await page.waitForURL(/\/board$/);
    // The access token lives minutes: stand in for one that has expired.
    await page.evaluate("sessionStorage.setItem('tracker.token', 'expired.access.token')");
    await page.reload();
    await page.locator('tr[data-row-key]').first().waitFor();
    expect(page.url()).toMatch(/\/board$/);
    expect(await page.evaluate("sessionStorage.getItem('tracker.token')")).not.toBe('expired.access.token');
    expect((await page.request.post('/api/v1/auth/refresh')).status()).toBe(200);

    const signedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login$/);
    expect((await signedOut).status()).toBe(204);
    // The session cookie (HttpOnly: the page itself cannot read it) no longer renews anything.
    expect(await page.evaluate('document.cookie')).not.toContain('tracker_session');
    expect((await page.request.post('/api/v1/auth/refresh')).status()).toBe(401);
  });

  it.each([
    ['limin', '/board', '挂图作战'],
    ['minyi', '/todo', '我的待办'],
    ['jijian', '/audit', '审计'],
    ['admin', '/system', '系统管理'],
  ])('takes %s to their role home %s', async (username, path, heading) => {
    const page = await web.newPage();
    await signIn(page, username);
    await page.waitForURL((url) => url.pathname === path);
    await page.getByText(heading, { exact: true }).first().waitFor();
    await screenshot(page, `home-${username}`);
  });

  it('says the password is wrong, in Chinese, and stays on the login page', async () => {
    const page = await web.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('shuji');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').getByText('用户名或密码错误').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('after five wrong passwords says the login is paused and for how long, and refuses even the right one', async () => {
    const page = await web.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('jijian');
    const submit = () =>
      Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: /登\s*录/ }).click(),
      ]);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('密码').fill(`wrong-${i}`);
      await submit();
      await page
        .getByRole('alert')
        .getByText(i < 5 ? '用户名或密码错误' : '登录已暂停')
        .waitFor();
    }
    await page.getByLabel('密码').fill('Demo@2026');
    const [answer] = await submit();
    expect(answer.status()).toBe(429);
    await page
      .getByRole('alert')
      .getByText(/密码错误次数过多，已暂停登录，请 \d+ 分钟后再试/)
      .waitFor();
    await screenshot(page, 'login-locked');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('returns an expired session to the login page and, after login, to the page the user was on', async () => {
    const page = await web.newPage();
    await signIn(page, 'shuji');
    await page.waitForURL(/\/board$/);
    await page.goto('/board?groupBy=department&light=red');
    await page.locator('tr[data-row-key]').first().waitFor();
    // A token the server no longer accepts (expired, or signed with another key) gets a 401.
    // The session is over: the access token is no good and the session cookie is gone.
    await page.evaluate("sessionStorage.setItem('tracker.token', 'garbled.token.value')");
    await page.context().clearCookies();
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/board?groupBy=department&light=red');
    await page.getByText('登录已失效，请重新登录').waitFor();
    await screenshot(page, 'login-expired');
    await page.getByLabel('用户名').fill('shuji');
    await page.getByLabel('密码').fill('Demo@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(
      (url) => url.pathname === '/board' && url.search === '?groupBy=department&light=red',
    );
    await page.locator('tr[data-row-key]').first().waitFor();
  });

  it('asks for a login when the token is gone, then opens the measure that was asked for', async () => {
    const page = await web.newPage();
    const board = (
      await web.api.http.get('/api/v1/board').set('Authorization', `Bearer ${await web.token('shuji')}`)
    ).body;
    const measure = board.groups[0].measures[0];
    await page.goto(`/measures/${measure.id}`);
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, 'minyi', `/measures/${measure.id}`);
    await page.waitForURL((url) => url.pathname === `/measures/${measure.id}`);
    await page.getByText(measure.content).first().waitFor();
  });
});
