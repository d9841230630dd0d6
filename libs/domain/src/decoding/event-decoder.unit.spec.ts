import {
  EVENT_SCHEMAS,
  decodeEvent,
  eventDecoder,
  streamDecoder,
  UnsupportedSchemaVersionError,
} from './event-decoder';
import { CAMPAIGN_EVENT_TYPES } from '../campaign/campaign.events';

const launched = {
  type: 'CampaignLaunched',
  schemaVersion: 1,
  data: {
    campaignId: 'c1',
    title: '巡视反馈整改',
    source: 'inspection_feedback',
    issuedOn: '2026-03-01',
    description: null,
  },
};

describe('decoding stored events', () => {
  it('decodes an event at the current version into the domain event', () => {
    expect(decodeEvent(launched)).toMatchObject({ type: 'CampaignLaunched', data: launched.data });
  });

  it('ignores an event of a type the domain does not know', () => {
    expect(decodeEvent({ type: 'SomethingElseHappened', schemaVersion: 1, data: {} })).toBeUndefined();
  });

  it('refuses an event recorded by a newer release, naming the type and both versions', () => {
    const future = { ...launched, schemaVersion: 2 };
    expect(() => decodeEvent(future)).toThrow(UnsupportedSchemaVersionError);
    expect(() => decodeEvent(future)).toThrow(/CampaignLaunched.*2.*1/);
  });

  it('lists every event type at version 1 today but the bulletin (2: numbered) and the alerts (2: the ladder), each with its upcasters', () => {
    const { BulletinIssued, Reminded, DueSoonWarned, OverdueFlagged, Escalated, ...rest } = EVENT_SCHEMAS;
    expect(new Set(Object.values(rest).map((s) => s.current))).toEqual(new Set([1]));
    for (const schema of [BulletinIssued, Reminded, DueSoonWarned, OverdueFlagged, Escalated]) {
      expect(schema.current).toBe(2);
      expect(Object.keys(schema.upcasters)).toEqual(['1']);
    }
  });

  it("reads an alert recorded before the ladder as the default ladder's step, with its recipients and notice", () => {
    const decode = eventDecoder(EVENT_SCHEMAS);
    const v1 = {
      measureId: 'm-1',
      alertId: 'v1-deadline-escalated',
      level: 'escalated',
      subject: 'deadline',
      milestoneId: null,
      dueDate: '2026-03-31',
      deadlineVersion: 1,
      dueAt: '2026-04-07T16:00:00.000Z',
    };
    expect(decode({ type: 'Escalated', schemaVersion: 1, data: v1 })).toEqual({
      type: 'Escalated',
      data: {
        ...v1,
        stepId: 'escalated',
        stepName: '升级督办',
        recipients: ['department_head', 'responsible_leader', 'secretary', 'inspectors'],
        notice: true,
        noticeTitle: '督办通知书（升级督办）',
      },
    });
    const milestone = {
      ...v1,
      alertId: 'v1-milestone-ms-1-due_soon',
      level: 'due_soon',
      subject: 'milestone',
    };
    expect(decode({ type: 'DueSoonWarned', schemaVersion: 1, data: milestone })).toMatchObject({
      data: { stepId: 'due_soon', stepName: '临期提醒', notice: false },
    });
    const missedReport = { ...v1, alertId: 'v1-report-2026-03-overdue', level: 'overdue', subject: 'report' };
    expect(decode({ type: 'OverdueFlagged', schemaVersion: 1, data: missedReport })).toMatchObject({
      data: { stepId: 'overdue', stepName: '逾期未报告', notice: false, noticeTitle: '督办通知书' },
    });
    const overdue = { ...v1, alertId: 'v1-deadline-overdue', level: 'overdue' };
    expect(decode({ type: 'OverdueFlagged', schemaVersion: 1, data: overdue })).toMatchObject({
      data: {
        stepName: '逾期督办',
        recipients: ['department_head', 'responsible_leader', 'secretary'],
        notice: true,
      },
    });
  });

  describe('upcasting an older version, step by step', () => {
    // A made-up history of ProgressReported: v1 had `pct`, v2 renamed it to `percent`, v3 added `reportedOn`.
    const decode = eventDecoder({
      ...EVENT_SCHEMAS,
      ProgressReported: {
        current: 3,
        upcasters: {
          1: (data) => {
            const { pct, ...rest } = data as { pct: number };
            return { ...rest, percent: pct };
          },
          2: (data) => ({ ...(data as object), reportedOn: '2026-01-01' }),
        },
      },
    });

    it('lifts a version 1 event through every upcaster to the current shape', () => {
      const v1 = {
        type: 'ProgressReported',
        schemaVersion: 1,
        data: { measureId: 'm1', note: '已完成制度起草', pct: 40 },
      };
      expect(decode(v1)).toEqual({
        type: 'ProgressReported',
        data: { measureId: 'm1', note: '已完成制度起草', percent: 40, reportedOn: '2026-01-01' },
      });
    });

    it('leaves the stored data untouched', () => {
      const data = { measureId: 'm1', note: 'n', pct: 40 };
      decode({ type: 'ProgressReported', schemaVersion: 1, data });
      expect(data).toEqual({ measureId: 'm1', note: 'n', pct: 40 });
    });

    it('refuses a version with no upcaster rather than folding it in the wrong shape', () => {
      const gap = eventDecoder({ ...EVENT_SCHEMAS, ProgressReported: { current: 2, upcasters: {} } });
      expect(() => gap({ type: 'ProgressReported', schemaVersion: 1, data: {} })).toThrow(
        UnsupportedSchemaVersionError,
      );
    });
  });

  it('reads a bulletin issued before numbering (schema 1) as unnumbered, naming no overdue measures', () => {
    const v1 = { bulletinId: '2026-03-02', periodStart: '2026-02-23', asOf: '2026-03-02', lines: [] };
    expect(decodeEvent({ type: 'BulletinIssued', schemaVersion: 1, data: v1 })).toEqual({
      type: 'BulletinIssued',
      data: {
        ...v1,
        requestId: 'schedule-2026-03-02',
        year: null,
        number: null,
        issuedOn: '2026-03-02',
        overdueMeasures: [],
      },
    });
  });

  it("decodes a stream's events for its decider and leaves out any other type", () => {
    const campaignOnly = streamDecoder(CAMPAIGN_EVENT_TYPES);
    expect(campaignOnly(launched)?.type).toBe('CampaignLaunched');
    expect(campaignOnly({ type: 'DepartmentCreated', schemaVersion: 1, data: {} })).toBeUndefined();
  });
});
