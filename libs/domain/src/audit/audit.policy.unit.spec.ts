import { mayRecordAnchor } from './audit.policy';

describe('Who records an audit anchor', () => {
  it.each([
    ['inspector', true],
    ['system', true],
    ['leader', false],
    ['department_head', false],
    ['admin', false],
  ] as const)('given a %s, then may record: %s', (role, may) => {
    expect(mayRecordAnchor({ role })).toBe(may);
  });
});
