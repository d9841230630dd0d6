import ExcelJS from 'exceljs';
import { readDeadline, readPeriod } from './dates';
import { UnreadableFileError } from './grid';
import { DepartmentMatcher, shortForm, splitNames } from './matching';
import { ImportContext, ImportPlan, planImport } from './plan';
import { readTable } from './read-table';
import { sampleCsv, sampleDocx, sampleList, sampleXlsx } from './testing/sample-files';

const DEPARTMENTS = ['立案庭', '民一庭', '民二庭', '刑事审判庭', '行政审判庭', '执行局', '办公室', '政治部'];
const context: ImportContext = {
  issuedOn: '2026-03-01',
  leaders: ['王建国', '李敏', '赵刚'].map((name, i) => ({ id: `leader-${i}`, name })),
  others: [{ id: 'head-1', name: '陈立' }],
  departments: DEPARTMENTS.map((name, i) => ({ id: `dep-${i}`, name })),
  defaultReportEveryDays: 30,
  immediateDays: 30,
};
const dep = (name: string) => `dep-${DEPARTMENTS.indexOf(name)}`;
const plan = async (file: Buffer): Promise<ImportPlan> => planImport(await readTable(file), context);

describe('reading a deadline as courts write it', () => {
  it.each([
    ['2026-03-31', '2026-03-31'],
    ['2026/3/31', '2026-03-31'],
    ['2026.3.31', '2026-03-31'],
    ['2026年3月31日', '2026-03-31'],
    ['2026年3月31日前', '2026-03-31'],
    ['2026年3月底', '2026-03-31'],
    ['2026年2月底前', '2026-02-28'],
    ['3月底前', '2026-03-31'],
    ['6月30日前', '2026-06-30'],
    ['年底前', '2026-12-31'],
    ['2026年第二季度', '2026-06-30'],
    ['2026-05-31（原2026-04-30）', '2026-05-31'],
  ])('given %s, then %s', (written, date) => {
    expect(readDeadline(written, '2026-03-01')).toEqual({ kind: 'date', date, immediate: false });
  });

  it('given a month already past when the campaign was issued, then it is next year’s', () => {
    expect(readDeadline('2月底前', '2026-03-01')).toEqual({
      kind: 'date',
      date: '2027-02-28',
      immediate: false,
    });
  });

  it('given an Excel serial or an Excel date, then the calendar date it stands for', () => {
    expect(readDeadline(46142, '2026-03-01')).toEqual({ kind: 'date', date: '2026-04-30', immediate: false });
    expect(readDeadline(new Date('2026-04-30T00:00:00Z'), '2026-03-01')).toMatchObject({
      date: '2026-04-30',
    });
  });

  it('given 立行立改 or 长期坚持, then the kind, with a date or period when one is written', () => {
    expect(readDeadline('立行立改', '2026-03-01')).toEqual({ kind: 'immediate' });
    expect(readDeadline('立行立改，3月底前', '2026-03-01')).toEqual({
      kind: 'date',
      date: '2026-03-31',
      immediate: true,
    });
    expect(readDeadline('长期坚持', '2026-03-01')).toEqual({ kind: 'long_term', reportEveryDays: null });
    expect(readDeadline('长期坚持（每30天报告）', '2026-03-01')).toEqual({
      kind: 'long_term',
      reportEveryDays: 30,
    });
  });

  it('given a date that does not exist or words that are no date, then a message naming it', () => {
    expect(readDeadline('2026-02-30', '2026-03-01')).toEqual({
      kind: 'invalid',
      message: '2026-02-30 不是有效日期',
    });
    expect(readDeadline('尽快', '2026-03-01')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('「尽快」'),
    });
  });

  it('given a reporting period in words, then days', () => {
    expect([
      readPeriod('每月'),
      readPeriod('每季度'),
      readPeriod('15天'),
      readPeriod(7),
      readPeriod('每两周'),
    ]).toEqual([30, 90, 15, 7, 14]);
  });
});

describe('matching departments by name and short form', () => {
  const matcher = new DepartmentMatcher([
    { id: 'a', name: '民事审判第一庭' },
    { id: 'b', name: '民二庭' },
  ]);

  it('given the short or the long form, then the department', () => {
    expect(shortForm('民事审判第一庭')).toBe('民一庭');
    expect(matcher.find('民一庭')).toEqual({ found: { id: 'a', name: '民事审判第一庭' } });
    expect(matcher.find('民事审判第二庭')).toEqual({ found: { id: 'b', name: '民二庭' } });
  });

  it('given a slip of one character, then no match but the close name as a suggestion', () => {
    expect(matcher.find('民二厅')).toEqual({ found: null, suggestion: '民二庭' });
    expect(matcher.find('信访办')).toEqual({ found: null, suggestion: null });
  });

  it('given several departments in one cell, then each', () => {
    expect(splitNames('民一庭、民二庭')).toEqual(['民一庭', '民二庭']);
    expect(splitNames('民一庭，执行局 立案庭')).toEqual(['民一庭', '执行局', '立案庭']);
    expect(splitNames('民一庭和民二庭')).toEqual(['民一庭', '民二庭']);
  });
});

describe('planning an import from the sample list', () => {
  it('given the xlsx with a title row, merged problems and two bad rows, then its problems, measures and exactly those cell errors', async () => {
    const result = await plan(await sampleXlsx(sampleList()));
    expect(result.headerRow).toBe(2);
    expect(result.problems).toEqual([
      {
        row: 3,
        title: '立案窗口服务不规范',
        category: null,
        rootCause: null,
        departmentIds: [dep('立案庭'), dep('民一庭')],
        departmentNames: ['立案庭', '民一庭'],
      },
      expect.objectContaining({ row: 5, title: '执行案款发放不及时', departmentIds: [dep('执行局')] }),
      expect.objectContaining({
        row: 7,
        title: '审判质效有待提升',
        departmentIds: [dep('民一庭'), dep('民二庭')],
      }),
    ]);
    expect(
      result.measures.map((m) => [m.row, m.problemRow, m.content, m.kind, m.dueDate, m.reportEveryDays]),
    ).toEqual([
      [3, 3, '优化立案窗口服务流程', 'deadline', '2026-03-31', null],
      [4, 3, '开展当事人满意度回访', 'deadline', '2026-03-31', null],
      [5, 5, '开展执行案款专项清理', 'deadline', '2026-04-30', null],
      [6, 5, '建立案款发放长效机制', 'long_term', null, 30],
      [7, 7, '开展庭审规范化检查', 'deadline', '2026-05-31', null],
      [8, 7, '开展发改案件评查', 'deadline', '2026-06-15', null],
      [9, 7, '组织审判业务培训', 'deadline', null, null],
    ]);
    expect(result.measures[1]).toMatchObject({
      departmentId: dep('立案庭'),
      responsibleLeaderId: 'leader-1',
      responsibleLeaderName: '李敏',
      responsiblePerson: '陈立',
    });
    expect(result.measures[4]).toMatchObject({ departmentId: dep('民一庭'), departmentName: '民一庭' });
    expect(result.errors).toEqual([
      { row: 8, column: '责任单位', message: '第8行「责任单位」：未找到"民一厅"，是否为"民一庭"？' },
      { row: 9, column: '整改时限', message: '第9行「整改时限」：2026-02-30 不是有效日期' },
    ]);
    expect(result.rows.find((r) => r.row === 8)?.cells['责任单位']).toBe('民一厅');
  });

  it('given the fixed list, then no errors', async () => {
    const result = await plan(await sampleXlsx(sampleList(true)));
    expect(result.errors).toEqual([]);
    expect(result.measures.map((m) => m.dueDate)[6]).toBe('2026-06-30');
  });

  it('given the same list as CSV in UTF-8 and GB18030 and as a Word table, then the same preview', async () => {
    const list = sampleList();
    const fromXlsx = await plan(await sampleXlsx(list));
    // Rows below a merged cell read blank in CSV: the plan, errors and warnings are the same.
    const strip = ({ format: _format, rows, ...rest }: ImportPlan) => ({ ...rest, rows: rows.length });
    for (const file of [sampleCsv(list, 'utf-8'), sampleCsv(list, 'gb18030'), await sampleDocx(list)]) {
      expect(strip(await plan(file))).toEqual(strip(fromXlsx));
    }
    expect((await plan(sampleCsv(list, 'gb18030'))).format).toBe('csv');
    expect((await plan(await sampleDocx(list))).format).toBe('docx');
  });

  it('given problems numbered on their own rows under a category heading, then the heading is the category and the measures below belong to each', async () => {
    const csv = [
      '序号,问题,整改措施,责任领导,责任部门,责任人,完成时限,报告周期',
      '一、,思想政治建设方面,,,,,,',
      '（一）,理论学习不深入,,,,,,',
      ',,1.1 修订学习制度,王建国,政治部,张华,立行立改,',
      ',,1.2 坚持每月集中学习,王建国,政治部,张华,长期坚持,每月',
      '（二）,意识形态责任落实不够,,,办公室,,,',
      ',,2.1 建立意识形态工作台账,赵刚,办公室,王芳,立行立改，3月底前,',
    ].join('\n');
    const result = await plan(Buffer.from(csv));
    expect(result.errors).toEqual([]);
    expect(result.problems.map((p) => [p.row, p.title, p.category, p.departmentIds])).toEqual([
      [3, '理论学习不深入', '思想政治建设方面', [dep('政治部')]],
      [6, '意识形态责任落实不够', '思想政治建设方面', [dep('办公室')]],
    ]);
    expect(
      result.measures.map((m) => [m.problemRow, m.content, m.kind, m.dueDate, m.reportEveryDays]),
    ).toEqual([
      [3, '修订学习制度', 'immediate', '2026-03-31', null],
      [3, '坚持每月集中学习', 'long_term', null, 30],
      [6, '建立意识形态工作台账', 'immediate', '2026-03-31', null],
    ]);
    expect(result.warnings).toEqual([
      '第4行「完成时限」：立行立改未写日期，完成时限按印发后30天计为2026-03-31',
    ]);
  });

  it('given a leader who is not a leader, a missing person and a date before the campaign, then each named', async () => {
    const csv = [
      '问题,整改措施,责任领导,责任部门,责任人,完成时限',
      '案件积压,清理积案,陈立,民一庭,,2026-01-31',
      ',开展评查,李明,民一庭,刘洋,2026-04-30',
    ].join('\n');
    const { errors } = await plan(Buffer.from(csv));
    expect(errors.map((e) => e.message)).toEqual([
      '第2行「责任领导」："陈立"不是党组成员账号，责任领导须为党组成员',
      '第2行「责任人」：未填写责任人',
      '第2行「完成时限」：2026-01-31 早于整改方案印发日期（2026-03-01）',
      '第3行「责任领导」：未找到"李明"，是否为"李敏"？',
    ]);
  });

  it('given a header without a column the plan needs, then one error at the header', async () => {
    const { errors } = await plan(
      Buffer.from('问题,整改措施,责任部门,责任人,完成时限\n积案,清理,民一庭,刘洋,2026-04-30\n'),
    );
    expect(errors).toEqual([{ row: 1, column: '责任领导', message: '第1行（表头）：缺少「责任领导」列' }]);
  });
});

describe('files that are no problem list', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'import.empty'],
    ['a PDF', Buffer.from('%PDF-1.4\n\u0000\u0001binary'), 'import.not_a_table'],
    ['a zip that is no Office file', Buffer.from('PK\u0003\u0004garbage'), 'import.not_a_table'],
    ['text with no header', Buffer.from('会议纪要\n今天开会'), 'import.no_header'],
  ])('given %s, then a refusal saying so', async (_name, bytes, code) => {
    const refusal = await readTable(bytes)
      .then((grid) => planImport(grid, context))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(UnreadableFileError);
    expect((refusal as UnreadableFileError).code).toBe(code);
    expect((refusal as UnreadableFileError).zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('given a 10,000-row sheet, then every row is previewed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('清单');
    sheet.addRow(['序号', '问题', '整改措施', '责任领导', '责任部门', '责任人', '完成时限']);
    for (let p = 1; p <= 2000; p++)
      for (let m = 1; m <= 5; m++)
        sheet.addRow([
          m === 1 ? p : null,
          m === 1 ? `问题${p}` : null,
          `措施${p}.${m}`,
          '李敏',
          '民一庭',
          '刘洋',
          '2026年6月30日',
        ]);
    const result = await plan(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.errors).toEqual([]);
    expect([result.problems.length, result.measures.length, result.rows.length]).toEqual([
      2000, 10000, 10000,
    ]);
    expect(result.measures[9999]).toMatchObject({ row: 10001, content: '措施2000.5', dueDate: '2026-06-30' });
  });
});
