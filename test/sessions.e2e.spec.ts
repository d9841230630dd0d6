import { bearer, Court, PASSWORD, setUpCourt } from './support/court';
import { startTestApp, TestApp } from './support/test-app';

/** The session cookie a response set, as a browser would keep it. */
function sessionCookie(response: { headers: Record<string, unknown> }): string {
  const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('tracker_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return cookie;
}
const valueOf = (cookie: string) => cookie.split(';')[0];
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('sessions: a short access token, a session cookie that renews it, a logout that ends it', () => {
  let t: TestApp;
  let court: Court;
  const signIn = (username: string, password = PASSWORD) =>
    t.http.post('/api/v1/auth/login').send({ username, password });
  const refresh = (cookie?: string) => {
    const request = t.http.post('/api/v1/auth/refresh');
    return cookie ? request.set('Cookie', valueOf(cookie)) : request;
  };

  beforeAll(async () => {
    t = await startTestApp({ config: { trustProxy: 1 } });
    court = await setUpCourt(t);
  }, 60_000);
  afterAll(() => t.close());

  it('signs in with an HttpOnly, SameSite=Strict session cookie (Secure behind TLS) and a 15-minute access token', async () => {
    const plain = await signIn('inspector').expect(200);
    const cookie = sessionCookie(plain);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    // No Max-Age: it goes when the browser closes, as on a shared court PC.
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    const claims = claimsOf(plain.body.accessToken);
    expect(claims.exp - claims.iat).toBe(15 * 60);
    expect(claims.sid).toEqual(expect.any(String));

    const behindTls = await signIn('inspector').set('X-Forwarded-Proto', 'https').expect(200);
    expect(sessionCookie(behindTls)).toMatch(/Secure/i);
  });

  it('renews the access token from the cookie, for the same session; without a live cookie it is 401', async () => {
    const signedIn = await signIn('civil-head').expect(200);
    const cookie = sessionCookie(signedIn);
    const renewed = await refresh(cookie).expect(200);
    expect(renewed.body.user).toMatchObject({ username: 'civil-head', role: 'department_head' });
    expect(claimsOf(renewed.body.accessToken).sid).toBe(claimsOf(signedIn.body.accessToken).sid);
    await t.http.get('/api/v1/me').set(bearer(renewed.body.accessToken)).expect(200);
    const refused = await refresh().expect(401);
    expect(refused.body).toMatchObject({ code: 'session_ended', message: '登录已失效，请重新登录' });
    // The access token is no session token, and the session token is no access token.
    await refresh(`tracker_session=${signedIn.body.accessToken}`).expect(401);
    await t.http
      .get('/api/v1/me')
      .set(bearer(valueOf(cookie).split('=')[1]))
      .expect(401);
  });

  it('logout ends the session on both tokens; another session of the same account goes on', async () => {
    const first = await signIn('enforcement-head').expect(200);
    const second = await signIn('enforcement-head').expect(200);
    const cookie = sessionCookie(first);
    const out = await t.http.post('/api/v1/auth/logout').set('Cookie', valueOf(cookie)).expect(204);
    expect(sessionCookie(out)).toMatch(/tracker_session=;/);
    await refresh(cookie).expect(401);
    await t.http.get('/api/v1/me').set(bearer(first.body.accessToken)).expect(401);
    await t.http.get('/api/v1/me').set(bearer(second.body.accessToken)).expect(200);
    await refresh(sessionCookie(second)).expect(200);
    // Signing out by the bearer token alone works too, and twice is harmless.
    await t.http.post('/api/v1/auth/logout').set(bearer(second.body.accessToken)).expect(204);
    await t.http.get('/api/v1/me').set(bearer(second.body.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/logout').set(bearer(second.body.accessToken)).expect(204);
  });

  it('a password change ends the other sessions’ cookies, and renews this one’s', async () => {
    const other = await signIn('leader').expect(200);
    const mine = await signIn('leader').expect(200);
    const changed = await t.http
      .post('/api/v1/me/password')
      .set(bearer(mine.body.accessToken))
      .send({ currentPassword: PASSWORD, newPassword: 'Lingdao-Xin-Mima-2027' })
      .expect(200);
    await refresh(sessionCookie(other)).expect(401);
    await refresh(sessionCookie(mine)).expect(401);
    await refresh(sessionCookie(changed)).expect(200);
  });

  it('disabling an account ends its session cookie at once', async () => {
    const signedIn = await signIn('other-leader').expect(200);
    await t.http
      .post(`/api/v1/users/${court.users.otherLeader.id}/disable`)
      .set(bearer(court.users.admin.token))
      .expect(200);
    await refresh(sessionCookie(signedIn)).expect(401);
  });

  it('records every sign-in, wrong password, lock and sign-out in the access log that inspectors read', async () => {
    for (let i = 0; i < 5; i++) await signIn('inspector', `wrong-${i}`).expect(i < 4 ? 401 : 429);
    await signIn('nobody-here', 'whatever').expect(401);
    const inspector = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'civil-head', password: PASSWORD })
      .expect(200);
    const feed = await t.http
      .get('/api/v1/audit/events')
      .query({ streamName: 'access-*', limit: 500 })
      .set(bearer(court.users.inspector.token))
      .expect(200);
    const types = (feed.body as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['SignedIn', 'SignInFailed', 'SignInLocked', 'SignedOut']));
    const events = feed.body as {
      type: string;
      data: Record<string, unknown>;
      actor: { id: string } | null;
    }[];
    expect(events.filter((e) => e.type === 'SignInFailed' && e.data.username === 'inspector')).toHaveLength(
      5,
    );
    expect(events.find((e) => e.type === 'SignInLocked')?.data).toMatchObject({
      username: 'inspector',
      scope: 'account',
      seconds: 300,
    });
    expect(
      events.find((e) => e.type === 'SignInFailed' && e.data.username === 'nobody-here')?.data,
    ).toMatchObject({
      userId: null,
      reason: 'wrong_password',
    });
    // Nobody else reads it.
    await t.http
      .get('/api/v1/audit/events')
      .query({ streamName: 'access-*' })
      .set(bearer(inspector.body.accessToken))
      .expect(403);
  });
});
