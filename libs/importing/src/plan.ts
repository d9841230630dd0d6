import { COLUMN_LABEL, ColumnKey, columnFor, headerKey, LEDGER_ONLY_COLUMNS } from './columns';
import { readDeadline, readPeriod } from './dates';
import { cellText, CellValue, Grid, GridRow, UnreadableFileError } from './grid';
import { DepartmentMatcher, Named, PersonMatcher, splitNames } from './matching';

export type ImportKind = 'immediate' | 'deadline' | 'long_term';

/** What the sheet is read against: the campaign's date and the court's directory. */
export interface ImportContext {
  /** 印发日期 of the campaign: dates without a year (3月底前) fall on or after it. */
  issuedOn: string;
  /** Accounts with the leader role that may be responsible leader (责任领导). */
  leaders: readonly Named[];
  /** Other accounts, so a name that is not a leader's is told apart from a name not found. */
  others: readonly Named[];
  /** Departments that take new work (not retired). */
  departments: readonly Named[];
  /** 长期坚持 with no 报告周期: report every this many days (IMPORT_REPORT_EVERY_DAYS). */
  defaultReportEveryDays: number;
  /** 立行立改 with no date: due this many days after the campaign was issued (IMPORT_IMMEDIATE_DAYS). */
  immediateDays: number;
}

export interface CellError {
  row: number;
  column: string;
  message: string;
}

export interface PlannedProblem {
  row: number;
  title: string;
  category: string | null;
  rootCause: string | null;
  departmentIds: string[];
  departmentNames: string[];
}

export interface PlannedMeasure {
  row: number;
  /** The row of the problem it belongs to. */
  problemRow: number;
  content: string;
  target: string | null;
  kind: ImportKind;
  responsibleLeaderId: string;
  responsibleLeaderName: string;
  departmentId: string;
  departmentName: string;
  responsiblePerson: string;
  dueDate: string | null;
  reportEveryDays: number | null;
}

/** A row of the sheet as the preview shows it: its cells under the sheet's own headers. */
export interface PreviewRow {
  row: number;
  role: 'problem' | 'measure' | 'problem+measure' | 'heading' | 'ignored';
  cells: Record<string, string>;
}

export interface ImportPlan {
  format: Grid['format'];
  headerRow: number;
  /** The sheet's own headers of the columns read, in the sheet's order. */
  columns: { key: ColumnKey; header: string }[];
  problems: PlannedProblem[];
  measures: PlannedMeasure[];
  rows: PreviewRow[];
  errors: CellError[];
  warnings: string[];
}

const LIMITS: Partial<Record<ColumnKey, number>> = {
  problem: 500,
  category: 100,
  rootCause: 5000,
  measure: 2000,
  target: 1000,
  person: 100,
};

/** 一、 (一) 1. 1.1 1、 — numbering people put before a problem or measure. */
const NUMBERING =
  /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]、?|\d+(?:[.．]\d+)*(?:[.．、]|\s)|第[一二三四五六七八九十百\d]+(?:个|条|项)?[、.．:：]?)\s*/;
const stripNumbering = (text: string) => text.replace(NUMBERING, '').trim();
const isTopHeading = (text: string) => /^[一二三四五六七八九十百]+[、.．]/.test(text);

const prefix = (row: number, column: string) => `第${row}行「${column}」：`;

/** Finds the header row: the first of the top rows naming at least three known columns, 问题 or 整改措施 among them. */
function findHeader(rows: GridRow[]): { index: number; columns: Map<number, ColumnKey> } {
  for (let index = 0; index < Math.min(rows.length, 20); index++) {
    const columns = new Map<number, ColumnKey>();
    rows[index].cells.forEach((cell, c) => {
      const key = columnFor(cellText(cell));
      if (key && ![...columns.values()].includes(key)) columns.set(c, key);
    });
    const keys = [...columns.values()];
    if (keys.length >= 3 && (keys.includes('problem') || keys.includes('measure'))) return { index, columns };
  }
  throw new UnreadableFileError(
    'import.no_header',
    '未找到表头：前20行中须有一行写明「问题」「整改措施」「责任领导」「责任部门」「完成时限」等列名（可下载导入模板对照）',
    'No header row naming the columns (问题, 整改措施, 责任领导, 责任部门, 完成时限…) in the first 20 rows',
  );
}

/**
 * Reads the problem list as people write it: a title above the header, a problem merged down
 * over its measures or written once with blanks below, or on a numbered row of its own; every
 * cell checked against the directory and the campaign, every fault named by row and column.
 */
export function planImport(grid: Grid, context: ImportContext): ImportPlan {
  const { index: headerIndex, columns } = findHeader(grid.rows);
  const headerRow = grid.rows[headerIndex];
  const header = (key: ColumnKey) => {
    for (const [c, k] of columns) if (k === key) return cellText(headerRow.cells[c]);
    return COLUMN_LABEL[key];
  };
  const errors: CellError[] = [];
  const warnings: string[] = [];
  const known = new Set(columns.values());
  // A column missing altogether is one error at the header, not one on every row.
  const fail = (row: number, key: ColumnKey, message: string) => {
    if (known.has(key))
      errors.push({ row, column: header(key), message: `${prefix(row, header(key))}${message}` });
  };

  for (const key of ['problem', 'measure', 'leader', 'department', 'person', 'deadline'] as ColumnKey[]) {
    if (!known.has(key))
      errors.push({
        row: headerRow.row,
        column: COLUMN_LABEL[key],
        message: `第${headerRow.row}行（表头）：缺少「${COLUMN_LABEL[key]}」列`,
      });
  }
  headerRow.cells.forEach((cell, c) => {
    const text = cellText(cell);
    if (text !== '' && !columns.has(c) && !LEDGER_ONLY_COLUMNS.includes(headerKey(text)))
      warnings.push(`第${headerRow.row}行（表头）：未识别的列「${text}」，已忽略`);
  });

  const departments = new DepartmentMatcher(context.departments);
  const leaders = new PersonMatcher(context.leaders);
  const others = new PersonMatcher(context.others);
  const problems: PlannedProblem[] = [];
  const measures: PlannedMeasure[] = [];
  const previewRows: PreviewRow[] = [];
  let current:
    (PlannedProblem & { text: string; measures: number; ownRow: boolean; heading: boolean }) | null = null;
  let category: string | null = null;

  const finish = () => {
    if (current && current.measures === 0)
      warnings.push(`第${current.row}行「${header('problem')}」：该问题下没有整改措施`);
  };

  for (const gridRow of grid.rows.slice(headerIndex + 1)) {
    const { row } = gridRow;
    const raw = (key: ColumnKey): CellValue => {
      for (const [c, k] of columns) if (k === key) return gridRow.cells[c] ?? null;
      return null;
    };
    const text = (key: ColumnKey) => cellText(raw(key));
    const cells: Record<string, string> = {};
    for (const [c, key] of columns) cells[header(key)] = displayed(key, gridRow.cells[c] ?? null);
    const preview: PreviewRow = { row, role: 'ignored', cells };
    previewRows.push(preview);

    const problemText = text('problem');
    const measureText = text('measure');
    const serialText = text('serial');
    const others_ = [...columns.entries()].filter(([, k]) => k !== 'serial' && k !== 'problem');
    const onlyNumbering =
      problemText === '' &&
      measureText === '' &&
      serialText !== '' &&
      others_.every(([c]) => cellText(gridRow.cells[c] ?? null) === '');
    // A heading written across the row (一、思想政治方面) in the 序号 column alone.
    if (onlyNumbering || (problemText !== '' && measureText === problemText && isTopHeading(problemText))) {
      finish();
      current = null;
      category = stripNumbering(onlyNumbering ? serialText : problemText) || null;
      preview.role = 'heading';
      continue;
    }
    if (problemText === '' && measureText === '') continue;

    for (const key of Object.keys(LIMITS) as ColumnKey[]) {
      const limit = LIMITS[key] as number;
      if (stripNumbering(text(key)).length > limit) fail(row, key, `内容超过${limit}字`);
    }

    const startsProblem = problemText !== '' && (current === null || problemText !== current.text);
    if (startsProblem) {
      // A numbered heading (一、…) on a row of its own followed by another problem is a category.
      if (current && current.ownRow && current.measures === 0 && current.heading) {
        problems.pop();
        const heading = previewRows.find((r) => r.row === current?.row);
        if (heading) heading.role = 'heading';
        category = stripNumbering(current.text);
      } else finish();
      const title = stripNumbering(problemText);
      current = {
        row,
        text: problemText,
        title,
        category: text('category') || category,
        rootCause: text('rootCause') || null,
        departmentIds: [],
        departmentNames: [],
        measures: 0,
        ownRow: measureText === '',
        heading: isTopHeading(problemText) || isTopHeading(serialText),
      };
      if (title === '') fail(row, 'problem', '问题内容为空');
      problems.push(current);
      preview.role = measureText === '' ? 'problem' : 'problem+measure';
      if (measureText === '') {
        // Departments written on the problem's own row are claimed by the problem.
        claim(current, text('department'), row, false);
        continue;
      }
    } else preview.role = 'measure';

    if (current === null) {
      fail(row, 'problem', '未填写问题，且上方没有可归属的问题');
      continue;
    }
    current.measures += 1;
    measures.push(readMeasure(gridRow.row, current, raw, text));
  }
  finish();
  if (problems.length === 0 && errors.length === 0)
    throw new UnreadableFileError(
      'import.no_rows',
      '表头下方没有问题或整改措施',
      'No problems or measures below the header',
    );

  return {
    format: grid.format,
    headerRow: headerRow.row,
    columns: [...columns.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, key]) => ({ key, header: header(key) })),
    problems: problems.map(({ row, title, category, rootCause, departmentIds, departmentNames }) => ({
      row,
      title,
      category,
      rootCause,
      departmentIds,
      departmentNames,
    })),
    measures,
    rows: previewRows,
    errors,
    warnings,
  };

  /** Departments of a cell, each checked; the problem claims them all. Returns the first found. */
  function claim(problem: PlannedProblem, written: string, row: number, required: boolean): Named | null {
    const names = splitNames(written);
    if (names.length === 0) {
      if (required && problem.departmentIds.length === 0) fail(row, 'department', '未填写责任部门');
      return null;
    }
    let first: Named | null = null;
    for (const name of names) {
      const match = departments.find(name);
      if (match.found) {
        first ??= match.found;
        if (!problem.departmentIds.includes(match.found.id)) {
          problem.departmentIds.push(match.found.id);
          problem.departmentNames.push(match.found.name);
        }
      } else {
        fail(
          row,
          'department',
          match.suggestion
            ? `未找到"${name}"，是否为"${match.suggestion}"？`
            : `未找到"${name}"，请填写本院已有的部门名称`,
        );
      }
    }
    return first;
  }

  function readMeasure(
    row: number,
    problem: PlannedProblem,
    raw: (key: ColumnKey) => CellValue,
    text: (key: ColumnKey) => string,
  ): PlannedMeasure {
    const content = stripNumbering(text('measure'));
    if (content === '') fail(row, 'measure', '整改措施内容为空');

    let leader: Named | null = null;
    const leaderNames = splitNames(text('leader'));
    if (leaderNames.length === 0) fail(row, 'leader', '未填写责任领导');
    else {
      const match = leaders.find(leaderNames[0]);
      if (match.found) leader = match.found;
      else if (others.find(leaderNames[0]).found)
        fail(row, 'leader', `"${leaderNames[0]}"不是党组成员账号，责任领导须为党组成员`);
      else
        fail(
          row,
          'leader',
          match.suggestion
            ? `未找到"${leaderNames[0]}"，是否为"${match.suggestion}"？`
            : `未找到党组成员"${leaderNames[0]}"`,
        );
      if (leaderNames.length > 1)
        warnings.push(`${prefix(row, header('leader'))}写了多位领导，以第一位"${leaderNames[0]}"为责任领导`);
    }

    const department = claim(problem, text('department'), row, true);
    const person = text('person');
    if (person === '') fail(row, 'person', '未填写责任人');

    let kind: ImportKind = 'deadline';
    let dueDate: string | null = null;
    let reportEveryDays: number | null = null;
    const deadline = readDeadline(raw('deadline'), context.issuedOn);
    const kindText = text('kind');
    const statedImmediate = /立行立改/.test(kindText);
    const statedLongTerm = /长期坚持/.test(kindText);
    switch (deadline.kind) {
      case 'blank':
        if (statedLongTerm) kind = 'long_term';
        else fail(row, 'deadline', '未填写完成时限（可写日期、立行立改或长期坚持）');
        break;
      case 'invalid':
        fail(row, 'deadline', deadline.message);
        break;
      case 'immediate':
        kind = 'immediate';
        dueDate = addDays(context.issuedOn, context.immediateDays);
        warnings.push(
          `${prefix(row, header('deadline'))}立行立改未写日期，完成时限按印发后${context.immediateDays}天计为${dueDate}`,
        );
        break;
      case 'date':
        kind = deadline.immediate || statedImmediate ? 'immediate' : 'deadline';
        dueDate = deadline.date;
        if (dueDate < context.issuedOn)
          fail(row, 'deadline', `${dueDate} 早于整改方案印发日期（${context.issuedOn}）`);
        break;
      case 'long_term':
        kind = 'long_term';
        reportEveryDays = deadline.reportEveryDays;
        break;
    }
    if (kind === 'long_term') {
      const period = raw('reportPeriod');
      if (cellText(period) !== '') {
        const days = readPeriod(period);
        if (days === null || days < 1 || days > 366)
          fail(
            row,
            'reportPeriod',
            `无法识别的报告周期「${cellText(period)}」，请写天数（1-366）或每月、每季度`,
          );
        else reportEveryDays = days;
      }
      reportEveryDays ??= context.defaultReportEveryDays;
    }
    return {
      row,
      problemRow: problem.row,
      content,
      target: text('target') || null,
      kind,
      responsibleLeaderId: leader?.id ?? '',
      responsibleLeaderName: leader?.name ?? leaderNames[0] ?? '',
      departmentId: department?.id ?? '',
      departmentName: department?.name ?? '',
      responsiblePerson: person,
      dueDate,
      reportEveryDays,
    };
  }
}

/** A cell as the preview shows it: an Excel serial in the deadline column as the date it is. */
function displayed(key: ColumnKey, value: CellValue): string {
  if (key === 'deadline' && typeof value === 'number') {
    const read = readDeadline(value, '1900-01-01');
    if (read.kind === 'date') return read.date;
  }
  return cellText(value);
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}
