import { alertsPath } from './alerts-query';
import { homePath, loginPath, safeNext } from './navigation';

describe('navigation', () => {
  it('sends each role to its own home', () => {
    expect(homePath('leader')).toBe('/board');
    expect(homePath('department_head')).toBe('/todo');
    expect(homePath('inspector')).toBe('/audit');
    expect(homePath('admin')).toBe('/system');
  });

  it('comes back to a page of this site only', () => {
    expect(safeNext('/board?asOf=2026-03-01')).toBe('/board?asOf=2026-03-01');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/login?next=/board')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('puts where the user was into the login link', () => {
    expect(loginPath('/measures/m-1?tab=x')).toBe('/login?next=%2Fmeasures%2Fm-1%3Ftab%3Dx');
    expect(loginPath('/')).toBe('/login');
  });

  it('spells the alert filters in one place', () => {
    expect(alertsPath()).toBe('/api/v1/alerts');
    expect(alertsPath({ departmentId: 'd1', level: 'overdue' })).toBe(
      '/api/v1/alerts?level=overdue&department=d1',
    );
  });
});
