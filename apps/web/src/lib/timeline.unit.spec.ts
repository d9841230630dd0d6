import { actorLabel, courtTime, describeEvent, headTitle, HistoryEvent, timeline } from './timeline';

const context = {
  departmentName: '民一庭',
  secretaryIds: new Set(['u-shuji']),
  milestones: [{ milestoneId: 'ms-1', title: '完成初稿' }],
};
const head = { userId: 'u-minyi', role: 'department_head', displayName: '刘洋' };
const alert = {
  measureId: 'm1',
  alertId: 'a1',
  subject: 'deadline',
  milestoneId: null,
  dueDate: '2026-12-01',
  deadlineVersion: 1,
  dueAt: '2026-11-28T16:00:00.000Z',
};

describe('timeline wording', () => {
  it('writes the example line of the issue: time in the court zone, post and name, what was done', () => {
    const event: HistoryEvent = {
      revision: '3',
      type: 'ProgressReported',
      recordedAt: '2026-11-20T06:03:00.000Z',
      actor: head,
      data: { measureId: 'm1', note: '已完成初稿', percent: 60, reportedOn: '2026-11-20' },
    };
    expect(timeline([event], context)[0].sentence).toBe(
      '2026-11-20 14:03 民一庭庭长 刘洋 报告进展：已完成初稿（60%）',
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'MeasureAssigned',
      { number: '1-2', content: '清理积案', dueDate: '2026-12-31', reportEveryDays: null },
      '交办整改措施 1-2：清理积案（完成时限 2026-12-31）',
    ],
    [
      'MeasureAssigned',
      { number: '1-3', content: '常态督查', dueDate: null, reportEveryDays: 30 },
      '交办整改措施 1-3：常态督查（长期坚持，每30天报告一次）',
    ],
    ['ProgressReported', { note: '已起草', percent: 30 }, '报告进展：已起草（30%）'],
    [
      'ExtensionRequested',
      { currentDueDate: '2026-12-01', newDueDate: '2026-12-31', reason: '需征求意见' },
      '申请延期：完成时限由 2026-12-01 延至 2026-12-31，理由：需征求意见',
    ],
    [
      'ExtensionApproved',
      { previousDueDate: '2026-12-01', newDueDate: '2026-12-31', opinion: '同意' },
      '批准延期：完成时限由 2026-12-01 调整为 2026-12-31，意见：同意',
    ],
    [
      'ExtensionApproved',
      { previousDueDate: '2026-12-01', newDueDate: '2026-12-31', opinion: null },
      '批准延期：完成时限由 2026-12-01 调整为 2026-12-31',
    ],
    ['ExtensionRejected', { reason: '理由不充分' }, '不同意延期，理由：理由不充分'],
    [
      'CompletionSubmitted',
      { summary: '已印发制度', evidence: '文件一份' },
      '提交完成：已印发制度（佐证材料：文件一份）',
    ],
    ['CompletionSubmitted', { summary: '已印发制度', evidence: null }, '提交完成：已印发制度'],
    ['MeasureSignedOff', { opinion: '同意销号', onTime: true }, '销号（按期完成），意见：同意销号'],
    ['MeasureSignedOff', { opinion: null, onTime: false }, '销号（逾期完成）'],
    ['MeasureSignedOff', { opinion: null, onTime: null }, '销号'],
    ['MeasureReturned', { reason: '佐证不足' }, '退回，理由：佐证不足'],
    [
      'MeasureReopened',
      { reason: '反弹回潮', newDueDate: '2027-03-01' },
      '回头看重新打开，理由：反弹回潮，新的完成时限 2027-03-01',
    ],
    ['MeasureReopened', { reason: '反弹回潮', newDueDate: null }, '回头看重新打开，理由：反弹回潮'],
    ['MeasureCancelled', { reason: '问题合并' }, '撤销措施，理由：问题合并'],
    ['OutcomeRecorded', { title: '《审判流程管理办法》' }, '记录建章立制成果：《审判流程管理办法》'],
    ['DueSoonWarned', { ...alert, level: 'due_soon' }, '临期提醒：完成时限 2026-12-01 即将到期'],
    [
      'DueSoonWarned',
      { ...alert, level: 'due_soon', subject: 'milestone', milestoneId: 'ms-1' },
      '临期提醒：节点“完成初稿” 2026-12-01 即将到期',
    ],
    [
      'OverdueFlagged',
      { ...alert, level: 'overdue', subject: 'report' },
      '逾期提醒：本期进展报告 2026-12-01 已逾期',
    ],
    [
      'Escalated',
      { ...alert, level: 'escalated' },
      '督办：完成时限 2026-12-01 逾期未完成，已报责任领导和纪检监察',
    ],
    [
      'Escalated',
      { ...alert, level: 'escalated', stepName: '告诫书', recipients: ['responsible_leader', 'inspectors'] },
      '告诫书：完成时限 2026-12-01 逾期未完成，已送达责任领导、纪检监察',
    ],
    [
      'Reminded',
      { ...alert, level: 'reminder', stepName: '剩余30%提醒', recipients: ['department_head'] },
      '剩余30%提醒：完成时限 2026-12-01 到期，剩余时间不多，已送达责任部门负责人',
    ],
    ['AlertAcknowledged', { alertId: 'a1', userId: 'u-minyi' }, '已阅提醒'],
    ['MeasureUrged', { message: '请本周内报告进展' }, '催办：请本周内报告进展'],
    [
      'LookBackDue',
      { reviewId: 'v1-m3', signedOffOn: '2026-03-02', dueOn: '2026-06-02', months: 3 },
      '回头看提醒：2026-03-02 销号已满3个月，请责任领导开展回头看',
    ],
    [
      'LookBackConfirmed',
      { reviewId: 'v1-m3', answers: ['v1-m3'], finding: '制度执行到位，未发现反弹' },
      '回头看确认未反弹：制度执行到位，未发现反弹',
    ],
  ])('%s reads in words', (type, data, text) => {
    expect(describeEvent({ type, data }, context)).toBe(text);
  });

  it('keeps an event type it does not know, named, rather than drop it', () => {
    expect(describeEvent({ type: 'SomethingNew', data: {} }, context)).toBe('记录事件 SomethingNew');
  });

  it('names the actor by post: secretary, member, head of the measure department, inspector, system', () => {
    expect(actorLabel({ userId: 'u-shuji', role: 'leader', displayName: '王建国' }, context)).toBe(
      '党组书记 王建国',
    );
    expect(actorLabel({ userId: 'u-limin', role: 'leader', displayName: '李敏' }, context)).toBe(
      '党组成员 李敏',
    );
    expect(actorLabel(head, context)).toBe('民一庭庭长 刘洋');
    expect(actorLabel({ userId: 'u-j', role: 'inspector', displayName: '周正' }, context)).toBe(
      '纪检监察 周正',
    );
    expect(actorLabel({ userId: 'system', role: 'system', displayName: null }, context)).toBe('系统');
    expect(actorLabel({ userId: 'u-x', role: 'admin', displayName: null }, context)).toBe('系统管理员 u-x');
  });

  it('derives the head post from the department name', () => {
    expect(headTitle('执行局')).toBe('执行局局长');
    expect(headTitle('办公室')).toBe('办公室主任');
    expect(headTitle('研究中心')).toBe('研究中心负责人');
    expect(headTitle(null)).toBe('部门负责人');
  });

  it('reads instants in the court time zone, across midnight', () => {
    expect(courtTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
  });

  it('lists newest first', () => {
    const at = (revision: string, recordedAt: string): HistoryEvent => ({
      revision,
      type: 'AlertAcknowledged',
      recordedAt,
      actor: head,
      data: {},
    });
    const entries = timeline([at('0', '2026-11-01T00:00:00Z'), at('1', '2026-11-02T00:00:00Z')], context);
    expect(entries.map((e) => e.revision)).toEqual(['1', '0']);
  });
});

describe('evidence files (佐证材料) in the timeline', () => {
  const context = { departmentName: '民一庭', secretaryIds: new Set<string>(), milestones: [] };
  it('names the file uploaded with its hash, a withdrawal with its reason, and the files a submission cites', () => {
    expect(
      describeEvent(
        { type: 'EvidenceAttached', data: { fileName: '整改通知.pdf', note: null, sha256: 'ab'.repeat(32) } },
        context,
      ),
    ).toBe(`上传佐证材料：整改通知.pdf，SHA-256 ${'ab'.repeat(8)}…`);
    expect(describeEvent({ type: 'EvidenceWithdrawn', data: { reason: '传错文件' } }, context)).toBe(
      '撤回佐证材料，理由：传错文件（文件留存备查）',
    );
    expect(
      describeEvent(
        {
          type: 'CompletionSubmitted',
          data: { summary: '已清结', evidence: null, attachmentIds: ['a', 'b'] },
        },
        context,
      ),
    ).toBe('提交完成：已清结，附佐证材料2份');
  });
});
