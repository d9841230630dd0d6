import {
  actorLabel,
  actorOptionLabel,
  AuditEvent,
  AuditPage,
  auditQuery,
  courtDay,
  courtMinute,
  measureIdOf,
  mergePages,
  nextAfter,
  toAuditPage,
  typeLabel,
} from './audit';

const event = (position: string, type = 'ProgressReported'): AuditEvent => ({
  position,
  streamName: 'measure-m1',
  revision: '0',
  eventId: `e${position}`,
  type,
  data: {},
  metadata: { actor: { userId: 'u-minyi', role: 'department_head' }, recordedAt: '2026-11-21T02:00:00Z' },
  actor: { id: 'u-minyi', name: '刘洋', role: 'department_head' },
  hash: 'h',
});

const page = (positions: string[], scannedThrough: string | null, more: boolean): AuditPage => ({
  events: positions.map((p) => event(p)),
  scannedThrough,
  more,
});

describe('the audit feed query', () => {
  it('asks for a plain page when nothing is filtered', () => {
    expect(auditQuery({}, undefined, 200)).toBe('/api/v1/audit/events?limit=200');
    expect(auditQuery({ stream: '  ', types: [] }, '41', 200)).toBe(
      '/api/v1/audit/events?limit=200&after=41',
    );
  });

  it('sends each filter that is set, types joined by commas, the stream trimmed', () => {
    const url = new URL(
      auditQuery(
        {
          stream: ' measure-* ',
          types: ['ProgressReported', 'DueSoonWarned'],
          actorId: 'u-minyi',
          from: '2026-11-01',
          to: '2026-11-30',
        },
        '12345678901234567890123',
        50,
      ),
      'http://x',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      after: '12345678901234567890123',
      streamName: 'measure-*',
      type: 'ProgressReported,DueSoonWarned',
      actorId: 'u-minyi',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });
});

describe('paging by the scan position', () => {
  it('reads the paging headers of a page', () => {
    const headers = new Headers({ 'X-Scanned-Through': '900', 'X-Has-More': 'true' });
    expect(toAuditPage([], headers, 200)).toEqual({ events: [], scannedThrough: '900', more: true });
    expect(toAuditPage([event('5')], new Headers({ 'X-Has-More': 'false' }), 200)).toMatchObject({
      scannedThrough: '5',
      more: false,
    });
  });

  it('goes on from where the server stopped, even after a page with no match, and stops at the end', () => {
    expect(nextAfter(page([], '900', true))).toBe('900');
    expect(nextAfter(page(['3'], '900', true))).toBe('900');
    expect(nextAfter(page(['3'], '3', false))).toBeUndefined();
    expect(nextAfter(page([], null, false))).toBeUndefined();
  });

  it('merges loaded pages in order, each event once', () => {
    const merged = mergePages([
      page(['1', '2'], '2', true),
      page(['2', '7'], '9', true),
      page([], '20', false),
    ]);
    expect(merged.map((e) => e.position)).toEqual(['1', '2', '7']);
  });
});

describe('names for inspectors', () => {
  it('names the actor by post and name, the system as 系统, an unknown id by itself', () => {
    expect(actorLabel({ id: 'u-minyi', name: '刘洋', role: 'department_head' })).toBe('部门负责人 刘洋');
    expect(actorLabel({ id: 'system', name: '系统', role: 'system' })).toBe('系统');
    expect(actorLabel({ id: 'u-gone', name: null, role: 'inspector' })).toBe('纪检监察 u-gone');
    expect(actorLabel(null)).toBe('—');
  });

  it('offers each account with role and department in the picker', () => {
    expect(
      actorOptionLabel({ id: 'u', name: '刘洋', role: 'department_head', departmentName: '民一庭' }),
    ).toBe('刘洋（部门负责人 · 民一庭）');
    expect(actorOptionLabel({ id: 'system', name: '系统', role: 'system', departmentName: null })).toBe(
      '系统（提醒与督办）',
    );
  });

  it('names event types in Chinese beside the recorded type', () => {
    const labels = { ProgressReported: '报告进展' };
    expect(typeLabel('ProgressReported', labels)).toBe('报告进展（ProgressReported）');
    expect(typeLabel('SomethingNew', labels)).toBe('SomethingNew');
    expect(typeLabel('ProgressReported', undefined)).toBe('ProgressReported');
  });

  it("shows times in the court's day and minute (Asia/Shanghai)", () => {
    expect(courtDay('2026-11-19T16:01:00Z')).toBe('2026-11-20');
    expect(courtMinute('2026-11-19T16:01:00Z')).toBe('2026-11-20 00:01');
  });

  it('links measure streams to their measure only', () => {
    expect(measureIdOf('measure-m1')).toBe('m1');
    expect(measureIdOf('campaign-c1')).toBeNull();
  });
});
