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

  it('lists every event type at version 1 today but BulletinIssued (2: numbered), each with its upcasters', () => {
    const { BulletinIssued, ...rest } = EVENT_SCHEMAS;
    expect(new Set(Object.values(rest).map((s) => s.current))).toEqual(new Set([1]));
    expect(BulletinIssued.current).toBe(2);
    expect(Object.keys(BulletinIssued.upcasters)).toEqual(['1']);
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
