import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Role } from '../../lib/types';

export interface Department {
  id: string;
  name: string;
  createdAt: string;
  retired: boolean;
}

/** A grant waiting for the secretary: the position the account will hold once confirmed. */
export interface PendingGrant {
  id: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  secretary: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  /** Registered for a post the secretary has not confirmed: cannot sign in yet. */
  awaitingGrant: boolean;
  pendingGrant: PendingGrant | null;
}

export function useDepartments() {
  return useQuery({ queryKey: ['departments'], queryFn: () => api<Department[]>('/api/v1/departments') });
}
