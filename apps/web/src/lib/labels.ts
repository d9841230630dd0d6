import { AlertLevel, Light, MeasureKind, MeasureStatus, Role } from './types';

export interface LightLegend {
  light: Light;
  label: string;
  /** antd Tag preset colour */
  tag: string;
  /** for charts and the big screen */
  hex: string;
}

/** The wall chart's lights, in the order they are read: the text always goes with the colour. */
export const LIGHTS: readonly LightLegend[] = [
  { light: 'red', label: '逾期', tag: 'red', hex: '#f5222d' },
  { light: 'yellow', label: '临期', tag: 'gold', hex: '#faad14' },
  { light: 'blue', label: '正常推进', tag: 'blue', hex: '#1677ff' },
  { light: 'green', label: '已销号', tag: 'green', hex: '#52c41a' },
];

export function lightLegend(light: Light): LightLegend {
  return LIGHTS.find((l) => l.light === light) ?? LIGHTS[2];
}

const STATUS: Record<MeasureStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  submitted: '待销号',
  signed_off: '已销号',
  cancelled: '已撤销',
};

export function statusLabel(status: MeasureStatus): string {
  return STATUS[status] ?? status;
}

const KIND: Record<MeasureKind, string> = {
  immediate: '立行立改',
  deadline: '限期整改',
  long_term: '长期坚持',
};

export function kindLabel(kind: MeasureKind): string {
  return KIND[kind] ?? kind;
}

const ROLE: Record<Role, string> = {
  leader: '党组成员',
  department_head: '部门负责人',
  inspector: '纪检监察',
  admin: '系统管理员',
};

export function roleLabel(role: Role, secretary = false): string {
  if (role === 'leader' && secretary) return '党组书记';
  return ROLE[role] ?? role;
}

export interface AlertLevelLegend {
  label: string;
  /** antd Tag preset colour */
  color: string;
}

/** The rungs of the supervision ladder, lowest first: the one map of alert levels to words and colours. */
export const ALERT_LEVELS: Readonly<Record<AlertLevel, AlertLevelLegend>> = {
  reminder: { label: '提醒', color: 'blue' },
  due_soon: { label: '临期', color: 'gold' },
  overdue: { label: '逾期', color: 'red' },
  escalated: { label: '督办', color: 'volcano' },
};

/** A level's words and colour; an unknown level (a newer server's) is shown as it is, uncoloured. */
export function alertLevel(level: string): AlertLevelLegend {
  return ALERT_LEVELS[level as AlertLevel] ?? { label: level, color: 'default' };
}

/**
 * What an alert is called where it is listed: its step's name (逾期督办, 告诫书…), or the level's
 * label for an alert from before the ladder.
 */
export function alertName(alert: { level: string; stepName?: string | null }): string {
  return alert.stepName?.trim() || alertLevel(alert.level).label;
}
