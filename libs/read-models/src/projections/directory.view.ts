import { Injectable } from '@nestjs/common';
import { AccountPosition, DIRECTORY_EVENT_TYPES, References, Role, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';
import { bigintField } from './codecs';

export interface DepartmentRecord {
  id: string;
  name: string;
  createdAt: string;
  /** 撤销: kept with its records, but given no new problem or measure. */
  retired: boolean;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
  /** Kept only here, for login; never presented. */
  passwordHash: string;
  createdAt: string;
  /** Disabled accounts cannot sign in, and their tokens stop working. */
  disabled: boolean;
  /** Set by an administrator's reset: the next login must choose a new password. */
  mustChangePassword: boolean;
  /**
   * Counts what ends every session of the account (a password change, disabling it): a token
   * carries the count it was issued under and is refused once it differs.
   */
  sessionVersion: number;
  /** Registered for a post the secretary has not confirmed yet: cannot sign in. */
  awaitingGrant: boolean;
}

/** A grant of the leader role or the secretary post, as the secretary, the administrator and inspectors see it. */
export interface GrantRecord extends AccountPosition {
  id: string;
  userId: string;
  /** The position the account held when the grant was asked for (null: a new account). */
  from: AccountPosition | null;
  /** unconfirmed: made while the court had no active secretary; it stood at once. */
  status: 'pending' | 'confirmed' | 'rejected' | 'unconfirmed';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const positionOf = (user: UserRecord): AccountPosition => ({
  role: user.role,
  departmentId: user.departmentId,
  secretary: user.secretary,
});

/** A grant asked for in the account's own registration: it had no earlier position. */
const isNewAccount = (user: UserRecord, asked: AccountPosition) =>
  user.awaitingGrant ||
  (user.role === asked.role &&
    user.departmentId === asked.departmentId &&
    user.secretary === asked.secretary);

const DIRECTORY_EVENTS = new Set<string>(DIRECTORY_EVENT_TYPES);

/** A session that signed out: its tokens are refused until they would have expired anyway. */
interface EndedSession {
  userId: string;
  endedAt: string;
}

interface DirectoryStream {
  revision: bigint;
}

/** Departments and accounts, for login, authorisation and reference checks. */
@Injectable()
export class DirectoryView implements CheckpointedProjection, References {
  readonly name = 'directory';
  readonly version = 5;
  readonly departments = new DocumentTable<DepartmentRecord>('departments');
  readonly users = new DocumentTable<UserRecord>('users');
  /** One document: the directory stream's revision, which commands on it are checked against. */
  readonly stream = new DocumentTable<DirectoryStream>('stream', bigintField('revision'));
  readonly grants = new DocumentTable<GrantRecord>('grants');
  readonly endedSessions = new DocumentTable<EndedSession>('ended_sessions');
  readonly tables = [this.departments, this.users, this.grants, this.endedSessions, this.stream];
  /** username → user id; derived from the users table. */
  private readonly byUsername = new Map<string, string>();

  get revision(): bigint | null {
    return this.stream.get('directory')?.revision ?? null;
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    if (event.type === 'SignedOut') {
      const { sessionId, userId } = event.data;
      this.endedSessions.set(sessionId, { userId, endedAt: recorded.metadata.recordedAt });
      return;
    }
    if (!DIRECTORY_EVENTS.has(event.type)) return;
    this.stream.set('directory', { revision: recorded.revision });
    const createdAt = recorded.metadata.recordedAt;
    switch (event.type) {
      case 'DepartmentCreated':
        this.departments.set(event.data.departmentId, {
          id: event.data.departmentId,
          name: event.data.name,
          createdAt,
          retired: false,
        });
        return;
      case 'DepartmentRenamed':
        return this.changeDepartment(event.data.departmentId, (d) => ({ ...d, name: event.data.name }));
      case 'DepartmentRetired':
        return this.changeDepartment(event.data.departmentId, (d) => ({ ...d, retired: true }));
      case 'UserRegistered': {
        const { userId, awaitingGrant, passwordTemporary, ...rest } = event.data;
        this.users.set(userId, {
          id: userId,
          ...rest,
          createdAt,
          disabled: false,
          mustChangePassword: passwordTemporary ?? false,
          sessionVersion: 0,
          awaitingGrant: awaitingGrant ?? false,
        });
        this.byUsername.set(rest.username, userId);
        return;
      }
      case 'UserDisabled':
        return this.changeUser(event.data.userId, (u) => ({
          ...u,
          disabled: true,
          sessionVersion: u.sessionVersion + 1,
        }));
      case 'UserEnabled':
        return this.changeUser(event.data.userId, (u) => ({ ...u, disabled: false }));
      case 'PasswordChanged':
        return this.changeUser(event.data.userId, (u) => ({
          ...u,
          passwordHash: event.data.passwordHash,
          mustChangePassword: event.data.temporary,
          sessionVersion: u.sessionVersion + 1,
        }));
      case 'UserRenamed':
        return this.changeUser(event.data.userId, (u) => ({ ...u, displayName: event.data.displayName }));
      case 'UserPositionChanged': {
        const { role, departmentId, secretary } = event.data;
        // What the account may do changed: every session ends, so no token outlives its authority.
        return this.changeUser(event.data.userId, (u) => ({
          ...u,
          role,
          departmentId,
          secretary,
          awaitingGrant: false,
          sessionVersion: u.sessionVersion + 1,
        }));
      }
      case 'GrantRequested': {
        const { grantId, userId, confirmation, ...position } = event.data;
        const user = this.users.get(userId);
        this.grants.set(grantId, {
          id: grantId,
          userId,
          ...position,
          from: user && !isNewAccount(user, position) ? positionOf(user) : null,
          status: confirmation === 'none' ? 'unconfirmed' : 'pending',
          requestedBy: recorded.metadata.actor.userId,
          requestedAt: createdAt,
          decidedBy: null,
          decidedAt: null,
        });
        return;
      }
      case 'GrantConfirmed':
      case 'GrantRejected': {
        const grant = this.grants.get(event.data.grantId);
        if (grant)
          this.grants.set(grant.id, {
            ...grant,
            status: event.type === 'GrantConfirmed' ? 'confirmed' : 'rejected',
            decidedBy: recorded.metadata.actor.userId,
            decidedAt: createdAt,
          });
        return;
      }
    }
  }

  private changeDepartment(departmentId: string, change: (d: DepartmentRecord) => DepartmentRecord): void {
    const department = this.departments.get(departmentId);
    if (department) this.departments.set(departmentId, change(department));
  }

  private changeUser(userId: string, change: (user: UserRecord) => UserRecord): void {
    const user = this.users.get(userId);
    if (user) this.users.set(userId, change(user));
  }

  reindex(): void {
    this.byUsername.clear();
    for (const user of this.users.values()) this.byUsername.set(user.username, user.id);
  }

  listDepartments(): DepartmentRecord[] {
    return [...this.departments.values()];
  }

  department(id: string): DepartmentRecord | undefined {
    return this.departments.get(id);
  }

  sessionEnded(sessionId: string): boolean {
    return this.endedSessions.has(sessionId);
  }

  /** Newest first. */
  listGrants(): GrantRecord[] {
    return [...this.grants.values()].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  listUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): UserRecord | undefined {
    const id = this.byUsername.get(username.trim().toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  hasUsers(): boolean {
    return this.users.size > 0;
  }

  departmentExists(departmentId: string): boolean {
    return this.departments.has(departmentId);
  }

  departmentRetired(departmentId: string): boolean {
    return this.departments.get(departmentId)?.retired === true;
  }

  isLeader(userId: string): boolean {
    return this.users.get(userId)?.role === 'leader';
  }
}
