import { SYSTEM_ACTOR } from '../shared/actor';
import { spec } from '../testing/given-when-then';
import { BulletinIssued, bulletinDecider, IssueBulletin } from './bulletin.decider';

const data: BulletinIssued['data'] = {
  bulletinId: '2025-06-30',
  periodStart: '2025-06-23',
  asOf: '2025-06-30',
  lines: [],
};
const issue = (actor = SYSTEM_ACTOR): IssueBulletin => ({
  type: 'IssueBulletin',
  data,
  context: { actor, today: '2025-06-30' },
});

describe('issuing a 督办通报', () => {
  it('the system issues a period bulletin once', () => {
    spec(bulletinDecider)
      .given([])
      .when(issue())
      .then([{ type: 'BulletinIssued', data }]);
    spec(bulletinDecider)
      .given([{ type: 'BulletinIssued', data }])
      .when(issue())
      .then([]);
  });

  it('no user issues one', () => {
    spec(bulletinDecider)
      .given([])
      .when(issue({ userId: 'u-1', role: 'leader', departmentId: null, secretary: true }))
      .thenRefuses('forbidden', 'bulletin.issue_forbidden');
  });
});
