import { Injectable } from '@nestjs/common';
import { References, Role, TrackerEvent } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { Projection } from './projection';

export interface DepartmentRecord {
  id: string;
  name: string;
  createdAt: string;
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
}

/** Departments and accounts, for login, authorisation and reference checks. */
@Injectable()
export class DirectoryView implements Projection, References {
  readonly name = 'directory';
  private readonly departments = new Map<string, DepartmentRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly byUsername = new Map<string, UserRecord>();
  revision: bigint | null = null;

  apply(e: TrackerEvent, recorded: RecordedEvent): void {
    if (recorded.streamName !== 'directory') return;
    this.revision = recorded.revision;
    const createdAt = recorded.metadata.recordedAt;
    switch (e.type) {
      case 'DepartmentCreated':
        this.departments.set(e.data.departmentId, { id: e.data.departmentId, name: e.data.name, createdAt });
        break;
      case 'UserRegistered': {
        const { userId, ...rest } = e.data;
        const user = { id: userId, ...rest, createdAt };
        this.users.set(userId, user);
        this.byUsername.set(user.username, user);
        break;
      }
    }
  }

  listDepartments(): DepartmentRecord[] {
    return [...this.departments.values()];
  }

  department(id: string): DepartmentRecord | undefined {
    return this.departments.get(id);
  }

  listUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): UserRecord | undefined {
    return this.byUsername.get(username.trim().toLowerCase());
  }

  hasUsers(): boolean {
    return this.users.size > 0;
  }

  departmentExists(departmentId: string): boolean {
    return this.departments.has(departmentId);
  }

  isLeader(userId: string): boolean {
    return this.users.get(userId)?.role === 'leader';
  }
}
