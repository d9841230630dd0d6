import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessEvent } from '@tracker/domain';
import { JournalWriter, newId } from '@tracker/command-path';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { DirectoryView, UserRecord } from '@tracker/read-models';
import { CookieOptions, Request, Response } from 'express';
import { AuthenticatedUser } from './authenticated-user';
import { claimsOf, userOfToken } from './token-user';

/** The HttpOnly cookie that holds a sign-in: it renews access tokens and opens bull-board. */
export const SESSION_COOKIE = 'tracker_session';

/** A request's client address, as Express resolves it under TRUST_PROXY. */
export const clientAddress = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(request: Request): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(request.headers.cookie ?? '');
  return match?.[1];
}

/**
 * Sign-ins: a short-lived access token for the Authorization header and a session token in an
 * HttpOnly, SameSite=Strict cookie (Secure over TLS) that renews it until SESSION_HOURS after
 * sign-in. Both carry the session id and the account's session version, so signing out ends one
 * session and a password, position or status change ends all of the account's.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly jwt: JwtService,
    private readonly directory: DirectoryView,
    private readonly journal: JournalWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session: records the sign-in, sets the cookie, answers the first access token. */
  async start(user: UserRecord, request: Request, response: Response): Promise<string> {
    const sessionId = newId();
    await this.record(
      { type: 'SignedIn', data: { sessionId, userId: user.id, address: clientAddress(request) } },
      user,
    );
    return this.issue(user, sessionId, request, response);
  }

  /** Tokens for a session that goes on (renewal, or a new session version after a password change). */
  async issue(
    user: Pick<UserRecord, 'id' | 'role' | 'sessionVersion'>,
    sessionId: string,
    request: Request,
    response: Response,
  ): Promise<string> {
    const session = await this.jwt.signAsync(claimsOf(user, sessionId, 'session'), {
      expiresIn: this.config.sessionHours * 3600,
    });
    response.cookie(SESSION_COOKIE, session, this.cookieOptions(request));
    return this.jwt.signAsync(claimsOf(user, sessionId, 'access'), {
      expiresIn: this.config.accessTokenMinutes * 60,
    });
  }

  /** The user whose live session the request's cookie holds. */
  userOfCookie(request: Request): Promise<AuthenticatedUser | undefined> {
    return userOfToken(this.jwt, this.directory, sessionCookieOf(request), 'session');
  }

  userOfAccess(token: string | undefined): Promise<AuthenticatedUser | undefined> {
    return userOfToken(this.jwt, this.directory, token, 'access');
  }

  /** Ends the session: recorded, so every instance refuses its tokens; the cookie is cleared. */
  async end(user: AuthenticatedUser, request: Request, response: Response): Promise<void> {
    await this.record({ type: 'SignedOut', data: { sessionId: user.sessionId, userId: user.userId } }, user);
    this.clear(request, response);
  }

  clear(request: Request, response: Response): void {
    const { maxAge: _none, ...options } = this.cookieOptions(request);
    response.clearCookie(SESSION_COOKIE, options);
  }

  /** Appends to the access log, as the account when known. */
  record(event: AccessEvent, who: { id?: string; userId?: string; role: string } | null): Promise<void> {
    const actor = who
      ? { userId: who.userId ?? who.id ?? 'anonymous', role: who.role }
      : { userId: 'anonymous', role: 'anonymous' };
    return this.journal.record(event, actor, `access-${newId()}`);
  }

  /**
   * No Max-Age: the cookie dies with the browser, as a shared court PC needs; the token inside
   * expires after SESSION_HOURS regardless. Path / so bull-board (/admin/queues) shares it.
   */
  private cookieOptions(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
  }
}
