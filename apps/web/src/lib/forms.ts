import { MeasureKind, Role } from './types';

/** The API's refusal of one field (apps/api/src/http/error.filter.ts). */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** antd's NamePath: `milestones.0.title` from the API is ['milestones', 0, 'title'] in the form. */
export type FieldPath = (string | number)[];

export function fieldPath(apiField: string): FieldPath {
  return apiField.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The API's field errors as antd form fields, one entry per field with all its messages, keeping
 * only the fields the form has (`known` are the form's top-level names); the rest go in `other`,
 * shown above the form, so that no refusal is silently dropped.
 */
export function formErrors(
  errors: readonly FieldError[],
  known: readonly string[],
): { fields: { name: FieldPath; errors: string[] }[]; other: string[] } {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const e of errors) {
    const path = fieldPath(e.field);
    if (!known.includes(String(path[0]))) {
      other.push(e.message);
      continue;
    }
    byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  return {
    fields: [...byField].map(([field, messages]) => ({ name: fieldPath(field), errors: messages })),
    other,
  };
}

/**
 * A fresh Idempotency-Key for one opening of a form: every retry and double click of that form sends
 * the same key, so the server records the command once.
 */
export function newIdempotencyKey(random: () => string = randomHex): string {
  return `web-${random()}`;
}

// Not crypto.randomUUID: it exists only in secure contexts, and a court intranet often serves plain http.
function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const CAMPAIGN_SOURCES: { value: string; label: string }[] = [
  { value: 'self_inspection', label: '自查自纠' },
  { value: 'inspection_feedback', label: '巡视巡察反馈' },
  { value: 'assessment_feedback', label: '考核反馈' },
  { value: 'democratic_life_meeting', label: '民主生活会' },
  { value: 'theme_education', label: '主题教育检视' },
  { value: 'special_campaign', label: '专项整治' },
  { value: 'audit', label: '审计' },
  { value: 'public_feedback', label: '群众反映' },
];

export function sourceLabel(source: string): string {
  return CAMPAIGN_SOURCES.find((s) => s.value === source)?.label ?? source;
}

/** Only a long-term measure reports every period; the other two kinds end on a deadline. */
export function kindHasDeadline(kind: MeasureKind | undefined): boolean {
  return kind !== 'long_term';
}

/** What the measure form holds: dates are already YYYY-MM-DD text. */
export interface MeasureFormValues {
  content?: string;
  target?: string;
  kind?: MeasureKind;
  responsibleLeaderId?: string;
  departmentId?: string;
  responsiblePerson?: string;
  dueDate?: string | null;
  reportEveryDays?: number | null;
  milestones?: ({ title?: string; dueDate?: string | null } | undefined)[];
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * The body of POST /problems/:id/measures from the form. Only the field of the chosen kind is sent
 * (a deadline, or a reporting period), so that switching kind back and forth leaves no stale value
 * for the server to refuse; blank optional text is left out rather than sent empty.
 */
export function measureBody(values: MeasureFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    content: values.content?.trim() ?? '',
    kind: values.kind,
    responsibleLeaderId: values.responsibleLeaderId,
    departmentId: values.departmentId,
    responsiblePerson: values.responsiblePerson?.trim() ?? '',
  };
  const target = text(values.target);
  if (target) body.target = target;
  if (kindHasDeadline(values.kind)) {
    if (values.dueDate) body.dueDate = values.dueDate;
  } else if (values.reportEveryDays !== null && values.reportEveryDays !== undefined) {
    body.reportEveryDays = values.reportEveryDays;
  }
  const milestones = (values.milestones ?? [])
    .filter((m): m is { title?: string; dueDate?: string | null } => m !== undefined)
    .filter((m) => text(m.title) || m.dueDate)
    .map((m) => ({ title: m.title?.trim() ?? '', dueDate: m.dueDate ?? '' }));
  if (milestones.length > 0) body.milestones = milestones;
  return body;
}

export const ACCOUNT_ROLES: { value: Role; label: string }[] = [
  { value: 'leader', label: '党组成员（领导）' },
  { value: 'department_head', label: '部门负责人' },
  { value: 'inspector', label: '纪检监察' },
  { value: 'admin', label: '系统管理员' },
];

export interface AccountFormValues {
  username?: string;
  password?: string;
  displayName?: string;
  role?: Role;
  departmentId?: string;
  secretary?: boolean;
}

/**
 * The body of POST /users: a department only for a department head, the secretary flag only for a
 * leader — a value left in a field the chosen role hides is not sent. The password goes as typed.
 */
export function accountBody(values: AccountFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    username: values.username?.trim() ?? '',
    password: values.password ?? '',
    displayName: values.displayName?.trim() ?? '',
    role: values.role,
  };
  if (values.role === 'department_head' && values.departmentId) body.departmentId = values.departmentId;
  if (values.role === 'leader') body.secretary = values.secretary === true;
  return body;
}

export interface ChangeAccountValues {
  displayName?: string;
  role?: Role;
  departmentId?: string;
  secretary?: boolean;
}

/** What PATCH /users/:id is sent: only what differs, so an unchanged position asks for nothing. */
export function changeAccountBody(
  account: { displayName: string; role: Role; departmentId: string | null; secretary: boolean },
  v: ChangeAccountValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const displayName = v.displayName?.trim() ?? '';
  if (displayName !== account.displayName) body.displayName = displayName;
  const role = v.role ?? account.role;
  const departmentId = role === 'department_head' ? (v.departmentId ?? null) : null;
  const secretary = role === 'leader' && v.secretary === true;
  if (role !== account.role) body.role = role;
  if (departmentId !== account.departmentId) body.departmentId = departmentId;
  if (secretary !== account.secretary) body.secretary = secretary;
  return body;
}
