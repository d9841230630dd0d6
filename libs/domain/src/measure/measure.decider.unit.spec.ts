import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { fold } from '../shared/decider';
import { References } from '../shared/references';
import { spec } from '../testing/given-when-then';
import {
  ADMIN,
  assignedMeasure,
  HEAD,
  INSPECTOR,
  LI,
  OTHER_HEAD,
  SECRETARY,
  ZHANG,
} from '../testing/measure.fixtures';
import {
  ApproveExtension,
  AssignMeasure,
  CancelMeasure,
  MeasureCommand,
  RecordOutcome,
  RejectExtension,
  ReopenMeasure,
  ReportProgress,
  RequestExtension,
  ReturnMeasure,
  SignOff,
  SubmitCompletion,
} from './measure.commands';
import { measureDecider } from './measure.decider';
import {
  CompletionSubmitted,
  ExtensionApproved,
  ExtensionRejected,
  ExtensionRequested,
  MeasureAssigned,
  MeasureCancelled,
  MeasureEvent,
  MeasureReopened,
  MeasureReturned,
  MeasureSignedOff,
  OutcomeRecorded,
  ProgressReported,
} from './measure.events';
import { evolveMeasure, initialMeasureState, MeasureState } from './measure.state';

// ---------------------------------------------------------------- people and facts

const TODAY: CalendarDate = '2025-04-15';
const DUE: CalendarDate = '2025-06-30';
const EXTENDED: CalendarDate = '2025-08-31';

const references: References = {
  departmentRetired: (id) => id === 'd-retired',
  departmentExists: (id) => ['d-criminal', 'd-civil', 'd-retired'].includes(id),
  isLeader: (id) => [ZHANG.userId, LI.userId, SECRETARY.userId].includes(id),
};

const ctx = (actor: Actor, today: CalendarDate = TODAY): CommandContext => ({ actor, today });

const given = (events: readonly MeasureEvent[]) => spec(measureDecider).given(events);
const stateAfter = (events: readonly MeasureEvent[]): MeasureState => fold(measureDecider, events);

// ---------------------------------------------------------------- events

const assigned = (overrides: Partial<MeasureAssigned['data']> = {}) =>
  assignedMeasure({ target: '长期未结案件清零', dueDate: DUE, assignedOn: TODAY, ...overrides });
const longTermAssigned = () => assigned({ kind: 'long_term', dueDate: null, reportEveryDays: 30 });

const progressReported = (percent = 40, reportedOn: CalendarDate = '2025-04-10'): ProgressReported => ({
  type: 'ProgressReported',
  data: { measureId: 'm-1', note: '已梳理台账', percent, reportedOn },
});

const extensionRequested = (overrides: Partial<ExtensionRequested['data']> = {}): ExtensionRequested => ({
  type: 'ExtensionRequested',
  data: {
    measureId: 'm-1',
    requestId: 'ext-1',
    currentDueDate: DUE,
    newDueDate: EXTENDED,
    reason: '涉及跨部门协调',
    ...overrides,
  },
});

const extensionApproved = (overrides: Partial<ExtensionApproved['data']> = {}): ExtensionApproved => ({
  type: 'ExtensionApproved',
  data: {
    measureId: 'm-1',
    requestId: 'ext-1',
    previousDueDate: DUE,
    newDueDate: EXTENDED,
    deadlineVersion: 2,
    opinion: '同意',
    ...overrides,
  },
});

const extensionRejected = (requestId = 'ext-1'): ExtensionRejected => ({
  type: 'ExtensionRejected',
  data: { measureId: 'm-1', requestId, reason: '理由不充分' },
});

const completionSubmitted = (): CompletionSubmitted => ({
  type: 'CompletionSubmitted',
  data: { measureId: 'm-1', summary: '已全部整改到位', evidence: '制度文件、会议纪要' },
});

const signedOff = (overrides: Partial<MeasureSignedOff['data']> = {}): MeasureSignedOff => ({
  type: 'MeasureSignedOff',
  data: { measureId: 'm-1', opinion: '同意销号', signedOffOn: '2025-06-20', onTime: true, ...overrides },
});

const returned = (): MeasureReturned => ({
  type: 'MeasureReturned',
  data: { measureId: 'm-1', reason: '佐证材料不足' },
});

const reopened = (overrides: Partial<MeasureReopened['data']> = {}): MeasureReopened => ({
  type: 'MeasureReopened',
  data: {
    measureId: 'm-1',
    reason: '回头看发现反弹回潮',
    newDueDate: null,
    deadlineVersion: 2,
    ...overrides,
  },
});

const cancelled = (): MeasureCancelled => ({
  type: 'MeasureCancelled',
  data: { measureId: 'm-1', reason: '问题已合并' },
});

const outcomeRecorded = (title = '案件质效周通报制度', outcomeId = 'o-1'): OutcomeRecorded => ({
  type: 'OutcomeRecorded',
  data: { measureId: 'm-1', outcomeId, title },
});

// Histories that put the measure in each status.
const IN_PROGRESS = [assigned(), progressReported()];
const SUBMITTED = [...IN_PROGRESS, completionSubmitted()];
const SIGNED_OFF = [...SUBMITTED, signedOff()];
const CANCELLED = [assigned(), cancelled()];

// ---------------------------------------------------------------- commands

const ASSIGN_DATA: AssignMeasure['data'] = {
  measureId: 'm-1',
  campaignId: 'c-1',
  problemId: 'p-1',
  number: '1.1',
  content: '建立案件质效周通报制度',
  target: '长期未结案件清零',
  kind: 'deadline',
  responsibleLeaderId: ZHANG.userId,
  departmentId: 'd-criminal',
  responsiblePerson: '王庭长',
  dueDate: DUE,
  reportEveryDays: null,
  milestones: [],
};
const assign = (context: CommandContext, overrides: Partial<AssignMeasure['data']> = {}): AssignMeasure => ({
  type: 'AssignMeasure',
  data: { ...ASSIGN_DATA, ...overrides },
  context,
  references,
});
const reportProgress = (context: CommandContext, percent = 60, note = '已召开专题会'): ReportProgress => ({
  type: 'ReportProgress',
  data: { note, percent },
  context,
});
const requestExtension = (
  context: CommandContext,
  newDueDate: CalendarDate = EXTENDED,
  requestId = 'ext-1',
): RequestExtension => ({
  type: 'RequestExtension',
  data: { requestId, newDueDate, reason: '涉及跨部门协调' },
  context,
});
const approveExtension = (
  context: CommandContext,
  requestId = 'ext-1',
  opinion: string | null = '同意',
): ApproveExtension => ({ type: 'ApproveExtension', data: { requestId, opinion }, context });
const rejectExtension = (context: CommandContext, requestId = 'ext-1'): RejectExtension => ({
  type: 'RejectExtension',
  data: { requestId, reason: '理由不充分' },
  context,
});
const submitCompletion = (context: CommandContext): SubmitCompletion => ({
  type: 'SubmitCompletion',
  data: { summary: '已全部整改到位', evidence: '制度文件、会议纪要' },
  context,
});
const signOff = (context: CommandContext, opinion: string | null = '同意销号'): SignOff => ({
  type: 'SignOff',
  data: { opinion },
  context,
});
const returnMeasure = (context: CommandContext): ReturnMeasure => ({
  type: 'ReturnMeasure',
  data: { reason: '佐证材料不足' },
  context,
});
const reopen = (context: CommandContext, newDueDate: CalendarDate | null = null): ReopenMeasure => ({
  type: 'ReopenMeasure',
  data: { reason: '回头看发现反弹回潮', newDueDate },
  context,
});
const cancel = (context: CommandContext): CancelMeasure => ({
  type: 'CancelMeasure',
  data: { reason: '问题已合并' },
  context,
});
const recordOutcome = (
  context: CommandContext,
  title = '案件质效周通报制度',
  outcomeId = 'o-2',
): RecordOutcome => ({
  type: 'RecordOutcome',
  data: { outcomeId, title },
  context,
});

// ================================================================ assign

describe('assigning a measure (五定)', () => {
  it('a leader assigns a deadline measure; it starts at deadline version 1', () => {
    given([])
      .when(assign(ctx(ZHANG)))
      .then([assigned()]);
  });

  it('a long_term measure is assigned with a report period and no due date', () => {
    given([])
      .when(assign(ctx(ZHANG), { kind: 'long_term', dueDate: null, reportEveryDays: 30 }))
      .then([longTermAssigned()]);
  });

  it('an immediate measure may have milestones up to and including its due date', () => {
    const milestones = [
      { milestoneId: 'ms-1', title: '完成自查', dueDate: '2025-05-15' },
      { milestoneId: 'ms-2', title: '完成整改', dueDate: DUE },
    ];
    given([])
      .when(assign(ctx(LI), { kind: 'immediate', milestones }))
      .then([assigned({ kind: 'immediate', milestones })]);
  });

  it('any leader may assign, naming another leader as responsible', () => {
    given([])
      .when(assign(ctx(LI)))
      .then([assigned()]);
  });

  it('a long_term measure without a report period is refused', () => {
    given([])
      .when(assign(ctx(ZHANG), { kind: 'long_term', dueDate: null, reportEveryDays: null }))
      .thenRefuses('invalid', 'measure.report_period_required', 'reportEveryDays');
  });

  it('a long_term measure with a due date is refused', () => {
    given([])
      .when(assign(ctx(ZHANG), { kind: 'long_term', dueDate: DUE, reportEveryDays: 30 }))
      .thenRefuses('invalid', 'measure.long_term_no_due_date', 'dueDate');
  });

  it.each(['immediate', 'deadline'] as const)('a %s measure without a due date is refused', (kind) => {
    given([])
      .when(assign(ctx(ZHANG), { kind, dueDate: null }))
      .thenRefuses('invalid', 'measure.due_date_required', 'dueDate');
  });

  it.each(['immediate', 'deadline'] as const)('a %s measure with a report period is refused', (kind) => {
    given([])
      .when(assign(ctx(ZHANG), { kind, reportEveryDays: 14 }))
      .thenRefuses('invalid', 'measure.report_period_long_term_only', 'reportEveryDays');
  });

  it('a milestone due after the measure itself is refused', () => {
    const milestones = [
      { milestoneId: 'ms-1', title: '完成自查', dueDate: '2025-05-15' },
      { milestoneId: 'ms-2', title: '完成回访', dueDate: '2025-07-01' },
    ];
    given([])
      .when(assign(ctx(ZHANG), { milestones }))
      .thenRefuses('invalid', 'milestone.after_due_date', 'milestones');
  });

  it('a responsible leader who is not a leader is refused', () => {
    given([])
      .when(assign(ctx(ZHANG), { responsibleLeaderId: HEAD.userId }))
      .thenRefuses('invalid', 'measure.leader_unknown', 'responsibleLeaderId');
  });

  it('a retired (撤销) responsible department is refused', () => {
    given([])
      .when(assign(ctx(ZHANG), { departmentId: 'd-retired' }))
      .thenRefuses('invalid', 'department.retired', 'departmentId');
  });

  it('an unknown responsible department is refused', () => {
    given([])
      .when(assign(ctx(ZHANG), { departmentId: 'd-nowhere' }))
      .thenRefuses('invalid', 'department.unknown', 'departmentId');
  });

  it.each([
    ['department head', HEAD],
    ['inspector', INSPECTOR],
    ['administrator', ADMIN],
  ])('a %s may not assign a measure', (_label, actor) => {
    given([])
      .when(assign(ctx(actor)))
      .thenRefuses('forbidden', 'measure.add_forbidden');
  });

  it('assigning a measure that already exists is a conflict', () => {
    given([assigned()])
      .when(assign(ctx(ZHANG)))
      .thenRefuses('conflict', 'measure.exists');
  });

  it('a cancelled measure cannot be assigned afresh', () => {
    given(CANCELLED)
      .when(assign(ctx(ZHANG)))
      .thenRefuses('conflict', 'measure.exists');
  });
});

// ================================================================ progress

describe('reporting progress', () => {
  it('the head of the responsible department reports progress, dated today', () => {
    given([assigned()])
      .when(reportProgress(ctx(HEAD), 30, '已召开专题会'))
      .then([
        {
          type: 'ProgressReported',
          data: { measureId: 'm-1', note: '已召开专题会', percent: 30, reportedOn: TODAY },
        },
      ]);
  });

  it('progress may be reported again while the work is in progress', () => {
    given(IN_PROGRESS)
      .when(reportProgress(ctx(HEAD, '2025-05-01'), 80))
      .then([
        {
          type: 'ProgressReported',
          data: { measureId: 'm-1', note: '已召开专题会', percent: 80, reportedOn: '2025-05-01' },
        },
      ]);
  });

  it('progress may be reported on a measure sent back at sign-off review', () => {
    given([...SUBMITTED, returned()])
      .when(reportProgress(ctx(HEAD), 90))
      .then([
        {
          type: 'ProgressReported',
          data: { measureId: 'm-1', note: '已召开专题会', percent: 90, reportedOn: TODAY },
        },
      ]);
  });

  it.each([
    ['the head of another department', OTHER_HEAD],
    ['the responsible leader', ZHANG],
    ['the secretary', SECRETARY],
  ])('%s may not report progress', (_label, actor) => {
    given([assigned()])
      .when(reportProgress(ctx(actor)))
      .thenRefuses('forbidden', 'measure.department_only');
  });

  it.each([
    ['submitted', SUBMITTED],
    ['signed off', SIGNED_OFF],
    ['cancelled', CANCELLED],
  ])('progress on a %s measure is refused', (_label, history) => {
    given(history)
      .when(reportProgress(ctx(HEAD)))
      .thenRefuses('rule', 'measure.not_under_way');
  });
});

// ================================================================ extension request

describe('requesting an extension (延期申请)', () => {
  it('the head of the responsible department requests a later due date', () => {
    given(IN_PROGRESS)
      .when(requestExtension(ctx(HEAD)))
      .then([extensionRequested()]);
  });

  it('a request may be made straight after assignment', () => {
    given([assigned()])
      .when(requestExtension(ctx(HEAD)))
      .then([extensionRequested()]);
  });

  it('the request names the current due date, which is the last approved one', () => {
    given([...IN_PROGRESS, extensionRequested(), extensionApproved()])
      .when(requestExtension(ctx(HEAD), '2025-09-30', 'ext-2'))
      .then([extensionRequested({ requestId: 'ext-2', currentDueDate: EXTENDED, newDueDate: '2025-09-30' })]);
  });

  it('an overdue measure may be extended to today', () => {
    given(IN_PROGRESS)
      .when(requestExtension(ctx(HEAD, '2025-07-05'), '2025-07-05'))
      .then([extensionRequested({ newDueDate: '2025-07-05' })]);
  });

  it('a new request may follow a rejected one', () => {
    given([...IN_PROGRESS, extensionRequested(), extensionRejected()])
      .when(requestExtension(ctx(HEAD), '2025-07-31', 'ext-2'))
      .then([extensionRequested({ requestId: 'ext-2', newDueDate: '2025-07-31' })]);
  });

  it('a long_term measure has no deadline to extend', () => {
    given([longTermAssigned()])
      .when(requestExtension(ctx(HEAD)))
      .thenRefuses('rule', 'extension.no_deadline');
  });

  it('a second request while one awaits a decision is refused', () => {
    given([...IN_PROGRESS, extensionRequested()])
      .when(requestExtension(ctx(HEAD), '2025-09-30', 'ext-2'))
      .thenRefuses('rule', 'extension.pending');
  });

  it.each([
    ['the same as', DUE],
    ['earlier than', '2025-06-01'],
  ])('a new due date %s the current one is refused', (_label, newDueDate) => {
    given(IN_PROGRESS)
      .when(requestExtension(ctx(HEAD), newDueDate))
      .thenRefuses('invalid', 'extension.not_later', 'newDueDate');
  });

  it('a new due date later than the current one but already past is refused', () => {
    given(IN_PROGRESS)
      .when(requestExtension(ctx(HEAD, '2025-07-10'), '2025-07-05'))
      .thenRefuses('invalid', 'extension.in_past', 'newDueDate');
  });

  it.each([
    ['the head of another department', OTHER_HEAD],
    ['the responsible leader', ZHANG],
    ['the secretary', SECRETARY],
  ])('%s may not request an extension', (_label, actor) => {
    given(IN_PROGRESS)
      .when(requestExtension(ctx(actor)))
      .thenRefuses('forbidden', 'measure.department_only');
  });

  it.each([
    ['submitted', SUBMITTED],
    ['signed off', SIGNED_OFF],
    ['cancelled', CANCELLED],
  ])('an extension for a %s measure is refused', (_label, history) => {
    given(history)
      .when(requestExtension(ctx(HEAD)))
      .thenRefuses('rule', 'measure.not_under_way');
  });
});

// ================================================================ extension decision

describe('deciding an extension', () => {
  const PENDING = [...IN_PROGRESS, extensionRequested()];

  it('the responsible leader approves: the new due date becomes deadline version 2', () => {
    given(PENDING)
      .when(approveExtension(ctx(ZHANG)))
      .then([extensionApproved()]);
  });

  it('an approval may carry no opinion', () => {
    given(PENDING)
      .when(approveExtension(ctx(ZHANG), 'ext-1', null))
      .then([extensionApproved({ opinion: null })]);
  });

  it('every approval makes the next deadline version and starts from the last approved date', () => {
    given([
      ...PENDING,
      extensionApproved(),
      extensionRequested({ requestId: 'ext-2', currentDueDate: EXTENDED, newDueDate: '2025-09-30' }),
    ])
      .when(approveExtension(ctx(ZHANG), 'ext-2'))
      .then([
        extensionApproved({
          requestId: 'ext-2',
          previousDueDate: EXTENDED,
          newDueDate: '2025-09-30',
          deadlineVersion: 3,
        }),
      ]);
  });

  it('the secretary may approve for a measure led by someone else', () => {
    given(PENDING)
      .when(approveExtension(ctx(SECRETARY)))
      .then([extensionApproved()]);
  });

  it('the responsible leader rejects', () => {
    given(PENDING)
      .when(rejectExtension(ctx(ZHANG)))
      .then([extensionRejected()]);
  });

  it('the secretary may reject for a measure led by someone else', () => {
    given(PENDING)
      .when(rejectExtension(ctx(SECRETARY)))
      .then([extensionRejected()]);
  });

  describe.each([
    ['approving', (c: CommandContext, id?: string) => approveExtension(c, id)],
    ['rejecting', (c: CommandContext, id?: string) => rejectExtension(c, id)],
  ])('%s', (_label, decide) => {
    it.each([
      ['a leader who is not responsible for the measure', LI],
      ['the head of the department', HEAD],
    ])('by %s is refused', (_who, actor) => {
      given(PENDING)
        .when(decide(ctx(actor)))
        .thenRefuses('forbidden', 'measure.leader_only');
    });

    it('a request that was never made is not found', () => {
      given(PENDING)
        .when(decide(ctx(ZHANG), 'ext-404'))
        .thenRefuses('not_found', 'extension.not_found');
    });

    it('a request already approved cannot be decided again', () => {
      given([...PENDING, extensionApproved()])
        .when(decide(ctx(ZHANG)))
        .thenRefuses('rule', 'extension.already_decided');
    });

    it('a request already rejected cannot be decided again', () => {
      given([...PENDING, extensionRejected()])
        .when(decide(ctx(ZHANG)))
        .thenRefuses('rule', 'extension.already_decided');
    });

    it('an earlier, decided request cannot be decided while a later one is pending', () => {
      given([
        ...PENDING,
        extensionRejected(),
        extensionRequested({ requestId: 'ext-2', newDueDate: '2025-07-31' }),
      ])
        .when(decide(ctx(ZHANG), 'ext-1'))
        .thenRefuses('rule', 'extension.already_decided');
    });
  });

  it('the due date changes only when an extension is approved', () => {
    const requested = stateAfter(PENDING);
    const rejected = stateAfter([...PENDING, extensionRejected()]);
    const approved = stateAfter([...PENDING, extensionApproved()]);
    expect(requested).toMatchObject({ dueDate: DUE, deadlineVersion: 1, extensionsGranted: 0 });
    expect(rejected).toMatchObject({
      dueDate: DUE,
      deadlineVersion: 1,
      extensionsGranted: 0,
      pendingExtension: null,
    });
    expect(approved).toMatchObject({
      dueDate: EXTENDED,
      originalDueDate: DUE,
      deadlineVersion: 2,
      extensionsGranted: 1,
      pendingExtension: null,
    });
  });
});

// ================================================================ completion

describe('submitting completion', () => {
  it('the head of the responsible department submits completion with evidence', () => {
    given(IN_PROGRESS)
      .when(submitCompletion(ctx(HEAD)))
      .then([completionSubmitted()]);
  });

  it('completion may be submitted straight after assignment', () => {
    given([assigned()])
      .when(submitCompletion(ctx(HEAD)))
      .then([completionSubmitted()]);
  });

  it('a returned measure may be submitted again', () => {
    given([...SUBMITTED, returned()])
      .when(submitCompletion(ctx(HEAD)))
      .then([completionSubmitted()]);
  });

  it('completion may be submitted once the pending extension is decided', () => {
    given([...IN_PROGRESS, extensionRequested(), extensionRejected()])
      .when(submitCompletion(ctx(HEAD)))
      .then([completionSubmitted()]);
  });

  it('completion is refused while an extension request awaits a decision', () => {
    given([...IN_PROGRESS, extensionRequested()])
      .when(submitCompletion(ctx(HEAD)))
      .thenRefuses('rule', 'extension.pending_on_submit');
  });

  it.each([
    ['the head of another department', OTHER_HEAD],
    ['the responsible leader', ZHANG],
  ])('%s may not submit completion', (_label, actor) => {
    given(IN_PROGRESS)
      .when(submitCompletion(ctx(actor)))
      .thenRefuses('forbidden', 'measure.department_only');
  });

  it.each([
    ['already submitted', SUBMITTED],
    ['signed off', SIGNED_OFF],
    ['cancelled', CANCELLED],
  ])('submitting a measure that is %s is refused', (_label, history) => {
    given(history)
      .when(submitCompletion(ctx(HEAD)))
      .thenRefuses('rule', 'measure.not_under_way');
  });
});

// ================================================================ sign-off

describe('signing off (销号)', () => {
  it('signing off on the deadline day counts as on time', () => {
    given(SUBMITTED)
      .when(signOff(ctx(ZHANG, DUE)))
      .then([signedOff({ signedOffOn: DUE, onTime: true })]);
  });

  it('signing off the day after the deadline is late', () => {
    given(SUBMITTED)
      .when(signOff(ctx(ZHANG, '2025-07-01')))
      .then([signedOff({ signedOffOn: '2025-07-01', onTime: false })]);
  });

  it('on time is judged against the original deadline even after an approved extension', () => {
    given([assigned(), extensionRequested(), extensionApproved(), progressReported(), completionSubmitted()])
      .when(signOff(ctx(ZHANG, '2025-07-15')))
      .then([signedOff({ signedOffOn: '2025-07-15', onTime: false })]);
  });

  it('a long_term measure is neither on time nor late', () => {
    given([longTermAssigned(), progressReported(), completionSubmitted()])
      .when(signOff(ctx(ZHANG, '2026-01-10'), null))
      .then([signedOff({ signedOffOn: '2026-01-10', onTime: null, opinion: null })]);
  });

  it('the secretary may sign off a measure led by someone else', () => {
    given(SUBMITTED)
      .when(signOff(ctx(SECRETARY, '2025-06-20')))
      .then([signedOff()]);
  });

  it.each([
    ['a leader who is not responsible for the measure', LI],
    ['the head of the department', HEAD],
  ])('%s may not sign off', (_label, actor) => {
    given(SUBMITTED)
      .when(signOff(ctx(actor)))
      .thenRefuses('forbidden', 'measure.leader_only');
  });

  it.each([
    ['assigned', [assigned()]],
    ['in progress', IN_PROGRESS],
    ['returned', [...SUBMITTED, returned()]],
    ['already signed off', SIGNED_OFF],
    ['cancelled', CANCELLED],
  ])('signing off a measure that is %s and not submitted is refused', (_label, history) => {
    given(history)
      .when(signOff(ctx(ZHANG)))
      .thenRefuses('rule', 'measure.not_submitted');
  });

  it('a reopened measure can be submitted and signed off again', () => {
    given([...SIGNED_OFF, reopened(), progressReported(95, '2025-06-22'), completionSubmitted()])
      .when(signOff(ctx(ZHANG, '2025-06-25')))
      .then([signedOff({ signedOffOn: '2025-06-25', onTime: true })]);
  });
});

// ================================================================ return

describe('returning a submitted measure (退回)', () => {
  it('the responsible leader sends a submitted measure back', () => {
    given(SUBMITTED)
      .when(returnMeasure(ctx(ZHANG)))
      .then([returned()]);
  });

  it('the secretary may send back a measure led by someone else', () => {
    given(SUBMITTED)
      .when(returnMeasure(ctx(SECRETARY)))
      .then([returned()]);
  });

  it.each([
    ['a leader who is not responsible for the measure', LI],
    ['the head of the department', HEAD],
  ])('%s may not send a measure back', (_label, actor) => {
    given(SUBMITTED)
      .when(returnMeasure(ctx(actor)))
      .thenRefuses('forbidden', 'measure.leader_only');
  });

  it.each([
    ['assigned', [assigned()]],
    ['in progress', IN_PROGRESS],
    ['signed off', SIGNED_OFF],
    ['cancelled', CANCELLED],
  ])('returning a measure that is %s is refused', (_label, history) => {
    given(history)
      .when(returnMeasure(ctx(ZHANG)))
      .thenRefuses('rule', 'measure.not_submitted');
  });
});

// ================================================================ reopen

describe('reopening a signed-off measure (回头看)', () => {
  it('the responsible leader reopens it, keeping its deadline but making a new deadline version', () => {
    given(SIGNED_OFF)
      .when(reopen(ctx(ZHANG, '2025-10-01')))
      .then([reopened()]);
  });

  it('a reopened measure may get a new due date', () => {
    given(SIGNED_OFF)
      .when(reopen(ctx(ZHANG, '2025-10-01'), '2025-12-31'))
      .then([reopened({ newDueDate: '2025-12-31' })]);
  });

  it('the new due date may be today', () => {
    given(SIGNED_OFF)
      .when(reopen(ctx(ZHANG, '2025-10-01'), '2025-10-01'))
      .then([reopened({ newDueDate: '2025-10-01' })]);
  });

  it('the deadline version counts on from approved extensions', () => {
    given([
      assigned(),
      extensionRequested(),
      extensionApproved(),
      completionSubmitted(),
      signedOff({ signedOffOn: '2025-08-01', onTime: false }),
    ])
      .when(reopen(ctx(ZHANG, '2025-10-01'), '2025-12-31'))
      .then([reopened({ newDueDate: '2025-12-31', deadlineVersion: 3 })]);
  });

  it('the secretary may reopen a measure led by someone else', () => {
    given(SIGNED_OFF)
      .when(reopen(ctx(SECRETARY, '2025-10-01')))
      .then([reopened()]);
  });

  it('a long_term measure is reopened without a due date', () => {
    given([longTermAssigned(), completionSubmitted(), signedOff({ onTime: null })])
      .when(reopen(ctx(ZHANG, '2025-10-01')))
      .then([reopened()]);
  });

  it('a long_term measure cannot be reopened with a due date', () => {
    given([longTermAssigned(), completionSubmitted(), signedOff({ onTime: null })])
      .when(reopen(ctx(ZHANG, '2025-10-01'), '2025-12-31'))
      .thenRefuses('invalid', 'measure.long_term_no_due_date', 'newDueDate');
  });

  it('a new due date in the past is refused', () => {
    given(SIGNED_OFF)
      .when(reopen(ctx(ZHANG, '2025-10-01'), '2025-09-30'))
      .thenRefuses('invalid', 'measure.due_in_past', 'newDueDate');
  });

  it.each([
    ['assigned', [assigned()]],
    ['in progress', IN_PROGRESS],
    ['submitted', SUBMITTED],
    ['cancelled', CANCELLED],
    ['already reopened', [...SIGNED_OFF, reopened()]],
  ])('reopening a measure that is %s is refused', (_label, history) => {
    given(history)
      .when(reopen(ctx(ZHANG, '2025-10-01')))
      .thenRefuses('rule', 'measure.not_signed_off');
  });

  it.each([
    ['a leader who is not responsible for the measure', LI],
    ['the head of the department', HEAD],
  ])('%s may not reopen a measure', (_label, actor) => {
    given(SIGNED_OFF)
      .when(reopen(ctx(actor, '2025-10-01')))
      .thenRefuses('forbidden', 'measure.leader_only');
  });
});

// ================================================================ cancel

describe('cancelling a measure', () => {
  it.each([
    ['assigned', [assigned()]],
    ['in progress', IN_PROGRESS],
    ['submitted', SUBMITTED],
    ['awaiting an extension decision', [...IN_PROGRESS, extensionRequested()]],
    ['reopened', [...SIGNED_OFF, reopened()]],
  ])('the responsible leader cancels a measure that is %s', (_label, history) => {
    given(history)
      .when(cancel(ctx(ZHANG)))
      .then([cancelled()]);
  });

  it('the secretary may cancel a measure led by someone else', () => {
    given([assigned()])
      .when(cancel(ctx(SECRETARY)))
      .then([cancelled()]);
  });

  it.each([
    ['signed off', SIGNED_OFF],
    ['already cancelled', CANCELLED],
  ])('cancelling a measure that is %s is refused', (_label, history) => {
    given(history)
      .when(cancel(ctx(ZHANG)))
      .thenRefuses('rule', 'measure.cannot_cancel');
  });

  it.each([
    ['a leader who is not responsible for the measure', LI],
    ['the head of the department', HEAD],
  ])('%s may not cancel a measure', (_label, actor) => {
    given([assigned()])
      .when(cancel(ctx(actor)))
      .thenRefuses('forbidden', 'measure.leader_only');
  });
});

// ================================================================ outcomes

describe('recording an outcome (建章立制)', () => {
  const recorded = (title = '案件质效周通报制度', outcomeId = 'o-2'): OutcomeRecorded[] => [
    outcomeRecorded(title, outcomeId),
  ];

  it('the head of the responsible department records a rule the measure produced, title trimmed', () => {
    given(IN_PROGRESS)
      .when(recordOutcome(ctx(HEAD), '  案件质效周通报制度 '))
      .then(recorded());
  });

  it.each([
    ['the responsible leader', ZHANG],
    ['the secretary', SECRETARY],
  ])('%s may record an outcome', (_label, actor) => {
    given(IN_PROGRESS)
      .when(recordOutcome(ctx(actor)))
      .then(recorded());
  });

  it.each([
    ['assigned', [assigned()]],
    ['submitted', SUBMITTED],
    ['signed off', SIGNED_OFF],
  ])('an outcome may be recorded while the measure is %s', (_label, history) => {
    given(history)
      .when(recordOutcome(ctx(HEAD)))
      .then(recorded());
  });

  it('a second, different outcome may be recorded', () => {
    given([...IN_PROGRESS, outcomeRecorded()])
      .when(recordOutcome(ctx(HEAD), '审判管理办法', 'o-2'))
      .then(recorded('审判管理办法'));
  });

  it('an outcome with a title already recorded is refused, whatever the surrounding spaces', () => {
    given([...IN_PROGRESS, outcomeRecorded()])
      .when(recordOutcome(ctx(ZHANG), ' 案件质效周通报制度  '))
      .thenRefuses('rule', 'outcome.duplicate');
  });

  it('no outcome may be recorded for a cancelled measure', () => {
    given(CANCELLED)
      .when(recordOutcome(ctx(HEAD)))
      .thenRefuses('rule', 'measure.cancelled');
  });

  it.each([
    // Each is told the rule that refused them: another department's measure, or not their decision.
    ['the head of another department', OTHER_HEAD, 'measure.department_only'],
    ['a leader who is not responsible for the measure', LI, 'measure.leader_only'],
  ] as const)('%s may not record an outcome', (_label, actor, code) => {
    given(IN_PROGRESS)
      .when(recordOutcome(ctx(actor)))
      .thenRefuses('forbidden', code);
  });
});

// ================================================================ across every command

describe('a measure that was never assigned', () => {
  it.each<[string, MeasureCommand]>([
    ['report progress', reportProgress(ctx(HEAD))],
    ['request an extension', requestExtension(ctx(HEAD))],
    ['approve an extension', approveExtension(ctx(ZHANG))],
    ['reject an extension', rejectExtension(ctx(ZHANG))],
    ['submit completion', submitCompletion(ctx(HEAD))],
    ['sign off', signOff(ctx(ZHANG))],
    ['return', returnMeasure(ctx(ZHANG))],
    ['reopen', reopen(ctx(ZHANG))],
    ['cancel', cancel(ctx(ZHANG))],
    ['record an outcome', recordOutcome(ctx(HEAD))],
  ])('cannot %s: it is not found', (_label, command) => {
    given([]).when(command).thenRefuses('not_found', 'measure.not_found');
  });

  it('events for a measure that was never assigned leave it unassigned', () => {
    expect(stateAfter([progressReported(), completionSubmitted(), signedOff()])).toEqual({
      status: 'unassigned',
    });
  });
});

describe('inspectors and administrators never write business data', () => {
  // Each row is a history in which the command would be accepted from the right person.
  const rows: [string, MeasureEvent[], (c: CommandContext) => MeasureCommand, Actor, string][] = [
    ['assign a measure', [], (c) => assign(c), ZHANG, 'measure.add_forbidden'],
    ['report progress', [assigned()], (c) => reportProgress(c), HEAD, 'measure.department_only'],
    ['request an extension', IN_PROGRESS, (c) => requestExtension(c), HEAD, 'measure.department_only'],
    [
      'approve an extension',
      [...IN_PROGRESS, extensionRequested()],
      (c) => approveExtension(c),
      ZHANG,
      'measure.leader_only',
    ],
    [
      'reject an extension',
      [...IN_PROGRESS, extensionRequested()],
      (c) => rejectExtension(c),
      ZHANG,
      'measure.leader_only',
    ],
    ['submit completion', IN_PROGRESS, (c) => submitCompletion(c), HEAD, 'measure.department_only'],
    ['sign off', SUBMITTED, (c) => signOff(c), ZHANG, 'measure.leader_only'],
    ['return a measure', SUBMITTED, (c) => returnMeasure(c), ZHANG, 'measure.leader_only'],
    ['reopen a measure', SIGNED_OFF, (c) => reopen(c), ZHANG, 'measure.leader_only'],
    ['cancel a measure', [assigned()], (c) => cancel(c), ZHANG, 'measure.leader_only'],
    ['record an outcome', IN_PROGRESS, (c) => recordOutcome(c), HEAD, 'measure.leader_only'],
  ];

  describe.each([
    ['an inspector', INSPECTOR],
    ['an administrator', ADMIN],
    ['a secretary flag on a non-leader', { ...INSPECTOR, secretary: true }],
  ])('%s', (_who, actor) => {
    it.each(rows)('may not %s', (_label, history, command, _allowed, code) => {
      given(history)
        .when(command(ctx(actor)))
        .thenRefuses('forbidden', code);
    });
  });

  it.each(rows)(
    '(control) the right person may %s in the same situation',
    (_label, history, command, allowed) => {
      expect(measureDecider.decide(command(ctx(allowed)), stateAfter(history))).toHaveLength(1);
    },
  );
});

// ================================================================ evolve

describe('evolveMeasure', () => {
  it('an assigned measure starts at 0% with its original due date as due date', () => {
    expect(evolveMeasure(initialMeasureState(), assigned())).toEqual({
      status: 'assigned',
      ...assigned().data,
      originalDueDate: DUE,
      percent: 0,
      lastReportedOn: null,
      pendingExtension: null,
      extensionRequestIds: [],
      extensionsGranted: 0,
      outcomes: [],
      returned: false,
      reopened: false,
      alerts: [],
      attachments: [],
      urgings: [],
      lookBacks: { reminders: [], reviews: [] },
    });
  });

  it('a long_term measure has neither due date nor original due date', () => {
    expect(stateAfter([longTermAssigned()])).toMatchObject({
      dueDate: null,
      originalDueDate: null,
      reportEveryDays: 30,
    });
  });

  it('progress puts the measure in progress and records percent and date', () => {
    expect(stateAfter([assigned(), progressReported(40, '2025-04-10')])).toMatchObject({
      status: 'in_progress',
      percent: 40,
      lastReportedOn: '2025-04-10',
    });
    expect(stateAfter([...IN_PROGRESS, progressReported(70, '2025-05-10')])).toMatchObject({
      percent: 70,
      lastReportedOn: '2025-05-10',
    });
  });

  it('an extension request is pending and remembered but changes neither status nor due date', () => {
    const state = stateAfter([...IN_PROGRESS, extensionRequested()]);
    expect(state).toMatchObject({
      status: 'in_progress',
      dueDate: DUE,
      pendingExtension: { requestId: 'ext-1', newDueDate: EXTENDED, reason: '涉及跨部门协调' },
      extensionRequestIds: ['ext-1'],
    });
  });

  it('an extension request on an assigned measure leaves it assigned', () => {
    expect(stateAfter([assigned(), extensionRequested()])).toMatchObject({ status: 'assigned' });
  });

  it('approval moves the due date, not the original one, and counts the extension', () => {
    const state = stateAfter([
      ...IN_PROGRESS,
      extensionRequested(),
      extensionApproved(),
      extensionRequested({ requestId: 'ext-2', currentDueDate: EXTENDED, newDueDate: '2025-09-30' }),
      extensionApproved({
        requestId: 'ext-2',
        previousDueDate: EXTENDED,
        newDueDate: '2025-09-30',
        deadlineVersion: 3,
      }),
    ]);
    expect(state).toMatchObject({
      status: 'in_progress',
      originalDueDate: DUE,
      dueDate: '2025-09-30',
      deadlineVersion: 3,
      extensionsGranted: 2,
      pendingExtension: null,
      extensionRequestIds: ['ext-1', 'ext-2'],
    });
  });

  it('rejection clears the pending request and keeps the due date', () => {
    expect(stateAfter([...IN_PROGRESS, extensionRequested(), extensionRejected()])).toMatchObject({
      dueDate: DUE,
      pendingExtension: null,
      extensionRequestIds: ['ext-1'],
      extensionsGranted: 0,
    });
  });

  it('submission holds the summary and evidence', () => {
    expect(stateAfter(SUBMITTED)).toMatchObject({
      status: 'submitted',
      submission: { summary: '已全部整改到位', evidence: '制度文件、会议纪要' },
      returned: false,
    });
  });

  it('a returned measure is back in progress, flagged returned, without its submission', () => {
    const state = stateAfter([...SUBMITTED, returned()]);
    expect(state).toMatchObject({ status: 'in_progress', returned: true });
    expect(state).not.toHaveProperty('submission');
  });

  it('the returned flag stays through progress and clears on resubmission', () => {
    expect(stateAfter([...SUBMITTED, returned(), progressReported(90)])).toMatchObject({ returned: true });
    expect(stateAfter([...SUBMITTED, returned(), completionSubmitted()])).toMatchObject({
      status: 'submitted',
      returned: false,
    });
  });

  it('sign-off completes the measure at 100% and records the decision', () => {
    const state = stateAfter(SIGNED_OFF);
    expect(state).toMatchObject({
      status: 'signed_off',
      percent: 100,
      reopened: false,
      signOff: { signedOffOn: '2025-06-20', onTime: true, opinion: '同意销号' },
    });
    expect(state).not.toHaveProperty('submission');
  });

  it('a reopened measure is in progress, flagged reopened, with a new deadline version', () => {
    const state = stateAfter([...SIGNED_OFF, reopened({ newDueDate: '2025-12-31', deadlineVersion: 2 })]);
    expect(state).toMatchObject({
      status: 'in_progress',
      reopened: true,
      dueDate: '2025-12-31',
      originalDueDate: DUE,
      deadlineVersion: 2,
    });
    expect(state).not.toHaveProperty('signOff');
  });

  it('reopening without a new date keeps the due date', () => {
    expect(stateAfter([...SIGNED_OFF, reopened()])).toMatchObject({ dueDate: DUE, deadlineVersion: 2 });
  });

  it('signing off again clears the reopened flag', () => {
    expect(stateAfter([...SIGNED_OFF, reopened(), completionSubmitted()])).toMatchObject({ reopened: true });
    expect(stateAfter([...SIGNED_OFF, reopened(), completionSubmitted(), signedOff()])).toMatchObject({
      status: 'signed_off',
      reopened: false,
    });
  });

  it('cancellation records the reason and drops a pending extension', () => {
    const state = stateAfter([...IN_PROGRESS, extensionRequested(), cancelled()]);
    expect(state).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: '问题已合并' },
      pendingExtension: null,
    });
  });

  it('outcomes accumulate without changing the status', () => {
    const state = stateAfter([...SIGNED_OFF, outcomeRecorded(), outcomeRecorded('审判管理办法', 'o-2')]);
    expect(state).toMatchObject({
      status: 'signed_off',
      outcomes: [
        { outcomeId: 'o-1', title: '案件质效周通报制度' },
        { outcomeId: 'o-2', title: '审判管理办法' },
      ],
    });
  });
});

describe('requests that no longer apply', () => {
  const PENDING = [...IN_PROGRESS, extensionRequested()];

  it('a request cannot be decided once its measure is cancelled', () => {
    given([...PENDING, cancelled()])
      .when(approveExtension(ctx(ZHANG)))
      .thenRefuses('rule', 'measure.not_under_way');
    given([...PENDING, cancelled()])
      .when(rejectExtension(ctx(ZHANG)))
      .thenRefuses('rule', 'measure.not_under_way');
  });

  it('a request whose date has already passed cannot be approved', () => {
    given(PENDING)
      .when(approveExtension(ctx(ZHANG, '2025-09-01')))
      .thenRefuses('rule', 'extension.expired');
  });

  it('a request whose date has already passed can still be rejected', () => {
    given(PENDING)
      .when(rejectExtension(ctx(ZHANG, '2025-09-01')))
      .then([extensionRejected()]);
  });

  it('a request id is never used twice', () => {
    given([...PENDING, extensionRejected()])
      .when(requestExtension(ctx(HEAD)))
      .thenRefuses('conflict', 'extension.exists');
  });
});

describe('outcomes are named and counted once', () => {
  it('a blank outcome title is refused, naming the field', () => {
    given(IN_PROGRESS)
      .when({ type: 'RecordOutcome', data: { outcomeId: 'o-9', title: '   ' }, context: ctx(HEAD) })
      .thenRefuses('invalid', 'outcome.title_blank', 'title');
  });

  it('an outcome id already recorded is a conflict', () => {
    given([...IN_PROGRESS, outcomeRecorded('甲制度', 'o-1')])
      .when({ type: 'RecordOutcome', data: { outcomeId: 'o-1', title: '乙制度' }, context: ctx(HEAD) })
      .thenRefuses('conflict', 'outcome.exists');
  });
});
