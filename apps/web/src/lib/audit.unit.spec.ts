import { AuditEvent, courtDay, filterEvents, measureIdOf } from './audit';

const event = (position: string, streamName: string, type: string, userId: string, recordedAt: string) =>
  ({
    position,
    streamName,
    revision: '0',
    eventId: `e${position}`,
    type,
    data: {},
    metadata: { actor: { userId, role: 'leader' }, recordedAt },
    hash: 'h',
  }) as AuditEvent;

const feed = [
  event('1', 'campaign-c1', 'CampaignLaunched', 'u-shuji', '2026-11-19T15:59:00Z'),
  event('2', 'measure-m1', 'MeasureAdded', 'u-shuji', '2026-11-19T16:01:00Z'),
  event('3', 'measure-m1', 'ProgressReported', 'u-minyi', '2026-11-21T02:00:00Z'),
];

describe('audit feed filters', () => {
  it('filters by stream, type and actor', () => {
    expect(filterEvents(feed, { stream: 'm1' }).map((e) => e.position)).toEqual(['2', '3']);
    expect(filterEvents(feed, { type: 'ProgressReported' }).map((e) => e.position)).toEqual(['3']);
    expect(filterEvents(feed, { actor: 'shuji' }).map((e) => e.position)).toEqual(['1', '2']);
    expect(filterEvents(feed, {})).toHaveLength(3);
  });

  it('reads the time range in court-local days (Asia/Shanghai)', () => {
    expect(courtDay('2026-11-19T16:01:00Z')).toBe('2026-11-20');
    expect(filterEvents(feed, { from: '2026-11-20', to: '2026-11-20' }).map((e) => e.position)).toEqual([
      '2',
    ]);
    expect(filterEvents(feed, { to: '2026-11-19' }).map((e) => e.position)).toEqual(['1']);
  });

  it('links measure streams to their measure only', () => {
    expect(measureIdOf('measure-m1')).toBe('m1');
    expect(measureIdOf('campaign-c1')).toBeNull();
  });
});
