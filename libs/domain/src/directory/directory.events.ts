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
  };
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
  | PasswordChanged;

export const DIRECTORY_EVENT_TYPES: readonly DirectoryEvent['type'][] = [
  'DepartmentCreated',
  'DepartmentRenamed',
  'DepartmentRetired',
  'UserRegistered',
  'UserDisabled',
  'UserEnabled',
  'PasswordChanged',
];

export interface DirectoryUser {
  userId: string;
  username: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
  disabled: boolean;
}

/** The court's directory: one small stream, so name uniqueness is checked against all of it. */
export interface DirectoryState {
  departments: { departmentId: string; name: string; retired: boolean }[];
  users: DirectoryUser[];
}
