import { Role } from '../shared/actor';

/** A department (庭/局/室) of the court. */
export interface DepartmentCreated {
  type: 'DepartmentCreated';
  data: { departmentId: string; name: string };
}

/** A user account. The password arrives already hashed: the domain never sees a password. */
export interface UserRegistered {
  type: 'UserRegistered';
  data: {
    userId: string;
    username: string;
    displayName: string;
    role: Role;
    departmentId: string | null;
    /** 党组书记 */
    secretary: boolean;
    passwordHash: string;
    /**
     * The account was asked for a post that needs the secretary's confirmation (GrantRequested in
     * the same write): it cannot sign in until the grant is confirmed. Absent in older events.
     */
    awaitingGrant?: boolean;
    /**
     * The password is one the owner must replace at the first sign-in (the first administrator
     * created from ADMIN_PASSWORD in production). Absent in older events (false).
     */
    passwordTemporary?: boolean;
  };
}

/** What an account may do: its role, its department, and whether it holds the post of 党组书记. */
export interface AccountPosition {
  role: Role;
  departmentId: string | null;
  secretary: boolean;
}

/** A new display name: the administrator corrects or updates how the person is shown. */
export interface UserRenamed {
  type: 'UserRenamed';
  data: { userId: string; displayName: string };
}

/**
 * The position an account holds from now on: changed by the administrator directly (anything
 * that grants no leader role and no secretary post), or as the effect of a grant (`grantId`).
 * Every session of the account ends.
 */
export interface UserPositionChanged {
  type: 'UserPositionChanged';
  data: { userId: string; grantId: string | null } & AccountPosition;
}

/**
 * The administrator asks for the leader role (党组成员) or the secretary post (党组书记) for an
 * account. It takes effect when the current secretary confirms it; `confirmation: 'none'` marks
 * an appointment made while the court had no active secretary, which stands at once (the
 * UserPositionChanged or UserRegistered beside it) and is shown to inspectors as unconfirmed.
 */
export interface GrantRequested {
  type: 'GrantRequested';
  data: { grantId: string; userId: string; confirmation: 'secretary' | 'none' } & AccountPosition;
}

/** The secretary confirms a pending grant; its UserPositionChanged events follow in the same write. */
export interface GrantConfirmed {
  type: 'GrantConfirmed';
  data: { grantId: string };
}

/** The secretary refuses a pending grant: the account keeps the position it had. */
export interface GrantRejected {
  type: 'GrantRejected';
  data: { grantId: string };
}

/** A department's new name (机构改革): its measures and history follow it. */
export interface DepartmentRenamed {
  type: 'DepartmentRenamed';
  data: { departmentId: string; name: string };
}

/** A department merged or dissolved (撤销): it keeps its records and takes no new problem or measure. */
export interface DepartmentRetired {
  type: 'DepartmentRetired';
  data: { departmentId: string };
}

/** An account that may no longer sign in (someone who left); its sessions end at once. Nothing is deleted. */
export interface UserDisabled {
  type: 'UserDisabled';
  data: { userId: string };
}

export interface UserEnabled {
  type: 'UserEnabled';
  data: { userId: string };
}

/**
 * A new password, already hashed: changed by its owner, or reset by the administrator to a
 * temporary one the owner must replace at the next login. Every session of the account ends.
 */
export interface PasswordChanged {
  type: 'PasswordChanged';
  data: { userId: string; passwordHash: string; temporary: boolean };
}

export type DirectoryEvent =
  | DepartmentCreated
  | DepartmentRenamed
  | DepartmentRetired
  | UserRegistered
  | UserDisabled
  | UserEnabled
  | PasswordChanged
  | UserRenamed
  | UserPositionChanged
  | GrantRequested
  | GrantConfirmed
  | GrantRejected;

export const DIRECTORY_EVENT_TYPES: readonly DirectoryEvent['type'][] = [
  'DepartmentCreated',
  'DepartmentRenamed',
  'DepartmentRetired',
  'UserRegistered',
  'UserDisabled',
  'UserEnabled',
  'PasswordChanged',
  'UserRenamed',
  'UserPositionChanged',
  'GrantRequested',
  'GrantConfirmed',
  'GrantRejected',
];

export interface DirectoryUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
  disabled: boolean;
  /** Registered for a post still awaiting the secretary's confirmation: cannot sign in yet. */
  awaitingGrant: boolean;
}

export interface DirectoryGrant extends AccountPosition {
  grantId: string;
  userId: string;
  status: 'pending' | 'confirmed' | 'rejected' | 'unconfirmed';
}

/** The court's directory: one small stream, so name uniqueness is checked against all of it. */
export interface DirectoryState {
  departments: { departmentId: string; name: string; retired: boolean }[];
  users: DirectoryUser[];
  grants: DirectoryGrant[];
}
