import { daysBetween, weekStart, addDays } from './dates';
import { Board, BoardGroup, BoardMeasure, BoardTotals, Grouping, Light } from './types';

export interface BoardFilters {
  departmentId?: string;
  leaderId?: string;
  light?: Light;
  /** Matched against number, content, people and department, ignoring case. */
  search?: string;
  /** Only the measures whose look-back review is due (回头看待查). */
  lookBackDue?: boolean;
  /** Only the measures standing on this step of the supervision ladder (督办环节); `none`: on none yet. */
  stepId?: string;
}

/** The step filter's value for the measures under way that no step has reached. */
export const NO_STEP = 'none';

const finished = (m: BoardMeasure) => m.status === 'signed_off' || m.status === 'cancelled';
const stepOf = (m: BoardMeasure) => m.step?.id ?? (finished(m) ? null : NO_STEP);

export function filterMeasures(measures: readonly BoardMeasure[], filters: BoardFilters): BoardMeasure[] {
  const needle = filters.search?.trim().toLowerCase() ?? '';
  return measures.filter(
    (m) =>
      (!filters.departmentId || m.departmentId === filters.departmentId) &&
      (!filters.leaderId || m.responsibleLeaderId === filters.leaderId) &&
      (!filters.light || m.light === filters.light) &&
      (!filters.lookBackDue || m.lookBackDue === true) &&
      (!filters.stepId || stepOf(m) === filters.stepId) &&
      (needle === '' ||
        [
          m.number,
          m.content,
          m.responsiblePerson,
          m.departmentName,
          m.responsibleLeaderName,
          m.problemTitle,
        ].some((text) => (text ?? '').toLowerCase().includes(needle))),
  );
}

export interface MeasureGroup {
  key: string;
  label: string;
  measures: BoardMeasure[];
}

/** Groups in the order their first measure appears (the board lists problems in number order). */
export function groupMeasures(measures: readonly BoardMeasure[], by: Grouping): MeasureGroup[] {
  const groups = new Map<string, MeasureGroup>();
  for (const m of measures) {
    const { key, label } = groupOf(m, by);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label, measures: [] }));
    group.measures.push(m);
  }
  return [...groups.values()];
}

function groupOf(m: BoardMeasure, by: Grouping): { key: string; label: string } {
  switch (by) {
    case 'problem':
      return { key: m.problemId, label: `问题${m.problemNumber}：${m.problemTitle}` };
    case 'department':
      return { key: m.departmentId, label: m.departmentName ?? '（未知部门）' };
    case 'leader':
      return { key: m.responsibleLeaderId, label: m.responsibleLeaderName ?? '（未知领导）' };
  }
}

/** The options a filter offers: each department or leader that has a measure on the board, once. */
export function optionsOf(
  measures: readonly BoardMeasure[],
  pick: (m: BoardMeasure) => { value: string; label: string | null },
): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const m of measures) {
    const { value, label } = pick(m);
    if (!seen.has(value)) seen.set(value, label ?? value);
  }
  return [...seen]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

const LEVEL_RANK: Record<string, number> = { reminder: 0, due_soon: 1, overdue: 2, escalated: 3 };

/**
 * The step filter's options: each step some measure on the board stands on, lowest rung first
 * (by level, then the day order the board has them in), then 未到督办环节 when some have none.
 */
export function stepOptions(measures: readonly BoardMeasure[]): { value: string; label: string }[] {
  const steps = new Map<string, { value: string; label: string; rank: number; seen: number }>();
  let none = false;
  for (const m of measures) {
    if (!m.step) {
      if (!finished(m)) none = true;
      continue;
    }
    if (!steps.has(m.step.id))
      steps.set(m.step.id, {
        value: m.step.id,
        label: m.step.name,
        rank: LEVEL_RANK[m.step.level] ?? 9,
        seen: steps.size,
      });
  }
  const options = [...steps.values()]
    .sort((a, b) => a.rank - b.rank || a.seen - b.seen)
    .map(({ value, label }) => ({ value, label }));
  return none ? [...options, { value: NO_STEP, label: '未到督办环节' }] : options;
}

/**
 * The board's figures over a filtered set of its lines, by the same rules as the API's totals
 * (libs/domain/src/board/totals.ts): rates are 0–1 rounded to 4 places, null with nothing to divide.
 */
export function totalsOf(measures: readonly BoardMeasure[]): BoardTotals {
  const counted = measures.filter((m) => m.status !== 'cancelled');
  const signedOff = counted.filter((m) => m.status === 'signed_off');
  const onTime = signedOff.filter((m) => m.onTime !== false).length;
  return {
    measures: counted.length,
    signedOff: signedOff.length,
    inProgress: counted.length - signedOff.length,
    dueSoon: counted.filter((m) => m.light === 'yellow').length,
    overdue: counted.filter((m) => m.overdue).length,
    extensionsGranted: counted.reduce((sum, m) => sum + m.extensionsGranted, 0),
    completionRate: rate(signedOff.length, counted.length),
    onTimeRate: rate(onTime, signedOff.length),
  };
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export type LightCounts = Record<Light, number>;

/** For the big screen's stacked bars: each department's measures by light, busiest first. */
export function lightsByDepartment(
  measures: readonly BoardMeasure[],
): { department: string; counts: LightCounts }[] {
  const rows = new Map<string, { department: string; counts: LightCounts }>();
  for (const m of measures) {
    const department = m.departmentName ?? m.departmentId;
    let row = rows.get(m.departmentId);
    if (!row)
      rows.set(m.departmentId, (row = { department, counts: { green: 0, blue: 0, yellow: 0, red: 0 } }));
    row.counts[m.light] += 1;
  }
  const total = (c: LightCounts) => c.green + c.blue + c.yellow + c.red;
  return [...rows.values()].sort(
    (a, b) => total(b.counts) - total(a.counts) || a.department.localeCompare(b.department, 'zh'),
  );
}

/** Measures signed off in each of the `weeks` weeks (Monday to Sunday) ending with the week of `today`. */
export function signOffsPerWeek(
  measures: readonly BoardMeasure[],
  today: string,
  weeks = 12,
): { weekStart: string; label: string; count: number }[] {
  const last = weekStart(today);
  const starts = Array.from({ length: weeks }, (_, i) => addDays(last, -7 * (weeks - 1 - i)));
  const counts = new Map(starts.map((s) => [s, 0]));
  for (const m of measures) {
    if (m.signedOffOn === null || m.signedOffOn > today) continue;
    const start = weekStart(m.signedOffOn);
    if (counts.has(start)) counts.set(start, counts.get(start)! + 1);
  }
  return starts.map((s) => ({
    weekStart: s,
    label: `${Number(s.slice(5, 7))}/${Number(s.slice(8, 10))}`,
    count: counts.get(s)!,
  }));
}

/** The big screen's rolling list: overdue first (longest overdue on top), then due soon (nearest first). */
export function urgentMeasures(measures: readonly BoardMeasure[], today: string): BoardMeasure[] {
  const rank = (m: BoardMeasure) => (m.light === 'red' ? 0 : 1);
  const days = (m: BoardMeasure) =>
    m.dueDate === null ? Number.MAX_SAFE_INTEGER : daysBetween(today, m.dueDate);
  return measures
    .filter((m) => m.light === 'red' || m.light === 'yellow')
    .sort((a, b) => rank(a) - rank(b) || days(a) - days(b) || a.number.localeCompare(b.number));
}

/**
 * The pages of one board, joined in order: a group split over two pages appears once with all its
 * rows (its totals are over all its rows on every page already).
 */
export function joinBoardPages(pages: Board[]): Board {
  const groups = new Map<string, BoardGroup>();
  for (const page of pages) {
    for (const group of page.groups) {
      const known = groups.get(group.key);
      if (known) known.measures.push(...group.measures);
      else groups.set(group.key, { ...group, measures: [...group.measures] });
    }
  }
  return { ...pages[0], groups: [...groups.values()] };
}
