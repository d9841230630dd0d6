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

export type DirectoryEvent = DepartmentCreated | UserRegistered;

export const DIRECTORY_EVENT_TYPES: readonly DirectoryEvent['type'][] = [
  'DepartmentCreated',
  'UserRegistered',
];

export interface DirectoryUser {
  userId: string;
  username: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
}

/** The court's directory: one small stream, so name uniqueness is checked against all of it. */
export interface DirectoryState {
  departments: { departmentId: string; name: string }[];
  users: DirectoryUser[];
}
