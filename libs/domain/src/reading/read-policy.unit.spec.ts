import { ROLES } from '../shared/actor';
import { mayReadRecordOf, READ_MATRIX, READABLES, readScope } from './read-policy';

describe('read policy', () => {
  it('gives every role a scope for everything readable', () => {
    for (const what of READABLES)
      for (const role of ROLES) expect(['all', 'ownDepartment', 'none']).toContain(readScope(role, what));
    expect(Object.keys(READ_MATRIX).sort()).toEqual([...READABLES].sort());
  });

  it('shares the wall chart with everyone, the administrator included', () => {
    for (const role of ROLES) expect(readScope(role, 'board')).toBe('all');
  });

  it('keeps the administrator out of every business record', () => {
    for (const what of [
      'campaign',
      'measureHistory',
      'attachments',
      'ledger',
      'summary',
      'bulletins',
      'alerts',
      'audit',
    ] as const)
      expect(readScope('admin', what)).toBe('none');
  });

  it('gives a measure’s history and the ledger to leaders, inspectors and the measure’s own department only', () => {
    const civilHead = { role: 'department_head' as const, departmentId: 'd-civil' };
    for (const what of ['measureHistory', 'attachments', 'ledger'] as const) {
      expect(mayReadRecordOf({ role: 'leader', departmentId: null }, what, 'd-civil')).toBe(true);
      expect(mayReadRecordOf({ role: 'inspector', departmentId: 'd-inspection' }, what, 'd-civil')).toBe(
        true,
      );
      expect(mayReadRecordOf(civilHead, what, 'd-civil')).toBe(true);
      expect(mayReadRecordOf(civilHead, what, 'd-enforcement')).toBe(false);
      expect(mayReadRecordOf({ role: 'admin', departmentId: null }, what, 'd-civil')).toBe(false);
    }
  });

  it('leaves the audit feed to the inspectors and the accounts to the administrator', () => {
    expect(ROLES.filter((r) => readScope(r, 'audit') === 'all')).toEqual(['inspector']);
    expect(ROLES.filter((r) => readScope(r, 'accessLog') !== 'none')).toEqual(['inspector']);
    expect(ROLES.filter((r) => readScope(r, 'accounts') === 'all')).toEqual(['admin']);
  });
});
