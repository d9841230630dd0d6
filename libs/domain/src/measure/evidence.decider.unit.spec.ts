import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { assignedMeasure, HEAD, INSPECTOR, OTHER_HEAD, ZHANG } from '../testing/measure.fixtures';
import { AttachEvidence, ReportProgress, SubmitCompletion, WithdrawEvidence } from './measure.commands';
import { measureDecider } from './measure.decider';
import { EvidenceAttached, EvidenceWithdrawn, MeasureEvent } from './measure.events';

// 佐证材料: files attached to a measure, cited by progress reports and the submission of completion.

const TODAY: CalendarDate = '2025-04-15';
const ctx = (actor: Actor): CommandContext => ({ actor, today: TODAY });
const given = (events: readonly MeasureEvent[]) => spec(measureDecider).given(events);

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

const assigned = assignedMeasure({ assignedOn: TODAY });

const file = (attachmentId: string, sha256 = SHA_A, fileName = '关于建立周通报制度的通知.pdf') => ({
  attachmentId,
  fileName,
  mediaType: 'application/pdf' as const,
  size: 1024,
  sha256,
  note: null,
});
const attached = (attachmentId: string, sha256 = SHA_A): EvidenceAttached => ({
  type: 'EvidenceAttached',
  data: { measureId: 'm-1', ...file(attachmentId, sha256) },
});
const withdrawn = (attachmentId: string): EvidenceWithdrawn => ({
  type: 'EvidenceWithdrawn',
  data: { measureId: 'm-1', attachmentId, reason: '传错文件' },
});
const attach = (actor: Actor, attachmentId = 'f-1', sha256 = SHA_A): AttachEvidence => ({
  type: 'AttachEvidence',
  data: file(attachmentId, sha256),
  context: ctx(actor),
});
const withdraw = (actor: Actor, attachmentId = 'f-1', reason = '传错文件'): WithdrawEvidence => ({
  type: 'WithdrawEvidence',
  data: { attachmentId, reason },
  context: ctx(actor),
});
const submit = (attachmentIds?: string[]): SubmitCompletion => ({
  type: 'SubmitCompletion',
  data: { summary: '已全部整改到位', evidence: '制度文件', attachmentIds },
  context: ctx(HEAD),
});
const report = (attachmentIds?: string[]): ReportProgress => ({
  type: 'ReportProgress',
  data: { note: '已出台制度', percent: 60, attachmentIds },
  context: ctx(HEAD),
});

describe('attaching evidence (佐证材料)', () => {
  it('the measure’s own department head attaches a file: its name, type, size and SHA-256 are recorded', () => {
    given([assigned])
      .when(attach(HEAD))
      .then([attached('f-1')]);
  });

  it('the same content attached twice is two attachments (the blob store keeps the bytes once)', () => {
    given([assigned, attached('f-1')])
      .when(attach(HEAD, 'f-2'))
      .then([attached('f-2')]);
  });

  it('another department’s head, a leader or an inspector may not attach', () => {
    for (const actor of [OTHER_HEAD, ZHANG, INSPECTOR])
      given([assigned]).when(attach(actor)).thenRefuses('forbidden', 'measure.department_only');
  });

  it('not once the measure is submitted, signed off or cancelled', () => {
    given([
      assigned,
      { type: 'CompletionSubmitted', data: { measureId: 'm-1', summary: 's', evidence: null } },
    ])
      .when(attach(HEAD))
      .thenRefuses('rule', 'measure.not_under_way');
    given([assigned, { type: 'MeasureCancelled', data: { measureId: 'm-1', reason: '合并' } }])
      .when(attach(HEAD))
      .thenRefuses('rule', 'measure.not_under_way');
  });

  it('a malformed hash or a blank name is refused naming the file', () => {
    given([assigned])
      .when({ ...attach(HEAD), data: { ...file('f-1'), sha256: 'xyz' } })
      .thenRefuses('invalid', 'attachment.content', 'file');
    given([assigned])
      .when({ ...attach(HEAD), data: { ...file('f-1'), fileName: '  ' } })
      .thenRefuses('invalid', 'attachment.file_name_blank', 'file');
  });

  it('an attachment id is never used twice', () => {
    given([assigned, attached('f-1')])
      .when(attach(HEAD, 'f-1', SHA_B))
      .thenRefuses('conflict', 'attachment.exists');
  });

  it('the state lists the attachments in order, a withdrawn one marked and kept', () => {
    const state = fold(measureDecider, [assigned, attached('f-1'), attached('f-2', SHA_B), withdrawn('f-1')]);
    expect(state.status === 'unassigned' ? [] : state.attachments).toEqual([
      { ...file('f-1'), withdrawn: true },
      { ...file('f-2', SHA_B), withdrawn: false },
    ]);
  });
});

describe('withdrawing evidence', () => {
  it('is recorded with its reason; the file stays on record', () => {
    given([assigned, attached('f-1')])
      .when(withdraw(HEAD))
      .then([withdrawn('f-1')]);
  });

  it('needs a reason, an attachment of this measure, not already withdrawn', () => {
    given([assigned, attached('f-1')])
      .when(withdraw(HEAD, 'f-1', ' '))
      .thenRefuses('invalid', 'attachment.reason_blank', 'reason');
    given([assigned, attached('f-1')])
      .when(withdraw(HEAD, 'f-9'))
      .thenRefuses('not_found', 'attachment.not_found');
    given([assigned, attached('f-1'), withdrawn('f-1')])
      .when(withdraw(HEAD))
      .thenRefuses('rule', 'attachment.withdrawn');
  });

  it('only by the measure’s own department, and not while a submission awaits sign-off', () => {
    given([assigned, attached('f-1')])
      .when(withdraw(OTHER_HEAD))
      .thenRefuses('forbidden', 'measure.department_only');
    given([
      assigned,
      attached('f-1'),
      {
        type: 'CompletionSubmitted',
        data: { measureId: 'm-1', summary: 's', evidence: null, attachmentIds: ['f-1'] },
      },
    ])
      .when(withdraw(HEAD))
      .thenRefuses('rule', 'measure.not_under_way');
  });
});

describe('citing evidence in a progress report or a submission', () => {
  it('a submission cites attachments of the measure; the state under review shows which', () => {
    given([assigned, attached('f-1'), attached('f-2', SHA_B)])
      .when(submit(['f-2', 'f-1']))
      .then([
        {
          type: 'CompletionSubmitted',
          data: {
            measureId: 'm-1',
            summary: '已全部整改到位',
            evidence: '制度文件',
            attachmentIds: ['f-2', 'f-1'],
          },
        },
      ]);
    const state = fold(measureDecider, [
      assigned,
      attached('f-1'),
      {
        type: 'CompletionSubmitted',
        data: { measureId: 'm-1', summary: 's', evidence: null, attachmentIds: ['f-1'] },
      },
    ]);
    expect(state.status === 'submitted' && state.submission.attachmentIds).toEqual(['f-1']);
  });

  it('citing nothing records no attachmentIds, as before evidence files existed', () => {
    given([assigned])
      .when(submit([]))
      .then([
        {
          type: 'CompletionSubmitted',
          data: { measureId: 'm-1', summary: '已全部整改到位', evidence: '制度文件' },
        },
      ]);
    const state = fold(measureDecider, [
      assigned,
      { type: 'CompletionSubmitted', data: { measureId: 'm-1', summary: 's', evidence: null } },
    ]);
    expect(state.status === 'submitted' && state.submission.attachmentIds).toEqual([]);
  });

  it('a progress report cites attachments too', () => {
    given([assigned, attached('f-1')])
      .when(report(['f-1']))
      .then([
        {
          type: 'ProgressReported',
          data: {
            measureId: 'm-1',
            note: '已出台制度',
            percent: 60,
            reportedOn: TODAY,
            attachmentIds: ['f-1'],
          },
        },
      ]);
  });

  it('another measure’s attachment (unknown here) is refused with 422 naming attachmentIds', () => {
    given([assigned, attached('f-1')])
      .when(submit(['f-other']))
      .thenRefuses('rule', 'attachment.not_of_measure', 'attachmentIds');
    given([assigned])
      .when(report(['f-other']))
      .thenRefuses('rule', 'attachment.not_of_measure', 'attachmentIds');
  });

  it('a withdrawn attachment cannot be cited; nor one twice', () => {
    given([assigned, attached('f-1'), withdrawn('f-1')])
      .when(submit(['f-1']))
      .thenRefuses('rule', 'attachment.withdrawn', 'attachmentIds');
    given([assigned, attached('f-1')])
      .when(submit(['f-1', 'f-1']))
      .thenRefuses('invalid', 'attachment.cited_twice', 'attachmentIds');
  });
});
