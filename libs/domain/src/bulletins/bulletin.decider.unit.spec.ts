import { Actor, SYSTEM_ACTOR } from '../shared/actor';
import { spec } from '../testing/given-when-then';
import { BulletinIssued, bulletinDecider, IssueBulletin } from './bulletin.decider';

const request = (requestId: string, more: Partial<IssueBulletin['data']> = {}): IssueBulletin['data'] => ({
  requestId,
  issuedOn: '2026-06-30',
  periodStart: '2026-06-23',
  asOf: '2026-06-30',
  lines: [],
  overdueMeasures: [],
  ...more,
});
const issue = (data: IssueBulletin['data'], actor: Actor = SYSTEM_ACTOR): IssueBulletin => ({
  type: 'IssueBulletin',
  data,
  context: { actor, today: '2026-06-30' },
});
const issued = (number: number, data: IssueBulletin['data']): BulletinIssued => ({
  type: 'BulletinIssued',
  data: { ...data, bulletinId: `2026-${String(number).padStart(3, '0')}`, year: 2026, number },
});

const secretary: Actor = { userId: 'u-sec', role: 'leader', departmentId: null, secretary: true };
const member: Actor = { userId: 'u-lead', role: 'leader', departmentId: null, secretary: false };
const inspector: Actor = { userId: 'u-insp', role: 'inspector', departmentId: null, secretary: false };
const head: Actor = { userId: 'u-head', role: 'department_head', departmentId: 'd-1', secretary: false };

describe('issuing a 督办通报', () => {
  it('given no bulletin this year, when the schedule issues one, then it is 第1期', () => {
    spec(bulletinDecider)
      .given([])
      .when(issue(request('schedule-2026-06-30')))
      .then([issued(1, request('schedule-2026-06-30'))]);
  });

  it('given two bulletins this year, when another is issued, then it is 第3期 (no gap, no duplicate)', () => {
    spec(bulletinDecider)
      .given([issued(1, request('schedule-2026-06-16')), issued(2, request('r-1'))])
      .when(issue(request('r-2'), secretary))
      .then([issued(3, request('r-2'))]);
  });

  it('given the weekly run already issued its bulletin, when it runs again, then nothing is recorded', () => {
    spec(bulletinDecider)
      .given([issued(1, request('schedule-2026-06-30'))])
      .when(issue(request('schedule-2026-06-30')))
      .then([]);
  });

  it('the secretary and inspectors issue one on request; other leaders and department heads do not', () => {
    spec(bulletinDecider)
      .given([])
      .when(issue(request('r-1'), inspector))
      .then([issued(1, request('r-1'))]);
    for (const actor of [member, head]) {
      spec(bulletinDecider)
        .given([])
        .when(issue(request('r-1'), actor))
        .thenRefuses('forbidden', 'bulletin.issue_forbidden');
    }
  });

  it('refuses a period that ends before it starts, or after the day it is issued', () => {
    spec(bulletinDecider)
      .given([])
      .when(issue(request('r-1', { periodStart: '2026-07-01' }), secretary))
      .thenRefuses('invalid', 'bulletin.period_reversed', 'periodStart');
    spec(bulletinDecider)
      .given([])
      .when(issue(request('r-1', { periodStart: '2026-06-30', asOf: '2026-07-01' }), secretary))
      .thenRefuses('invalid', 'bulletin.period_in_future', 'periodEnd');
  });
});
