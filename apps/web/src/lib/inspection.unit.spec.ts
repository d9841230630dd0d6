import {
  AccessEntry,
  accessKindLabel,
  accessQuery,
  describeFinding,
  describeRead,
  Finding,
} from './inspection';

const entry = (what: AccessEntry['what'], username: string | null = null): AccessEntry => ({
  position: '7',
  at: '2026-03-02T03:05:00.000Z',
  kind: 'attachment_download',
  type: 'SensitiveRead',
  who: { id: 'u-minyi', name: '刘洋', role: 'department_head', departmentName: '民一庭' },
  what,
  address: '10.0.0.8',
  outcome: 'granted',
  status: 200,
  code: null,
  username,
});

describe('访问日志 in the page', () => {
  it('asks the server only for the filters that are set', () => {
    expect(accessQuery({}, null, 200)).toBe('/api/v1/audit/access?limit=200');
    expect(
      accessQuery(
        { actor: 'u-1', kinds: ['ledger_export', 'sign_in'], from: '2026-03-01', to: '2026-03-02' },
        '41',
        50,
      ),
    ).toBe(
      '/api/v1/audit/access?limit=50&after=41&actor=u-1&kind=ledger_export%2Csign_in&from=2026-03-01&to=2026-03-02',
    );
  });

  it('names every kind in Chinese, and shows an unknown one as it came', () => {
    expect(accessKindLabel('attachment_download')).toBe('下载佐证材料');
    expect(accessKindLabel('sign_in_failed')).toBe('登录失败');
    expect(accessKindLabel('new_kind')).toBe('new_kind');
  });

  it('says what was read by name, and falls back to the path or the username', () => {
    expect(
      describeRead(
        entry({
          path: '/x',
          measureId: 'm1',
          measure: { number: '1.2', content: '逐案建立台账' },
          fileName: '方案.pdf',
        }),
      ),
    ).toBe('措施 1.2 逐案建立台账 · 文件 方案.pdf');
    expect(describeRead(entry({ path: '/api/v1/ledger.xlsx' }))).toBe('/api/v1/ledger.xlsx');
    expect(describeRead(entry(null, 'leader'))).toBe('用户名 leader');
  });
});

describe('审计发现 in the page', () => {
  const base = {
    measureId: 'm1',
    streamName: 'measure-m1',
    position: '9',
    measure: null,
    departmentName: '民一庭',
  };
  it('puts each finding in a sentence with the people’s names', () => {
    const quick: Finding = {
      ...base,
      rule: 'quick_same_department_sign_off',
      at: '2026-04-21T02:05:00.000Z',
      submittedBy: 'u-head',
      signedOffBy: 'u-leader',
      minutes: 5,
      names: { 'u-head': '刘洋', 'u-leader': '李敏' },
    };
    expect(describeFinding(quick)).toBe('刘洋 提交完成后 5 分钟，同部门（民一庭）的 李敏 即予销号');
    const night: Finding = {
      ...base,
      rule: 'night_decision',
      at: '2026-04-21T18:00:00.000Z',
      decision: 'sign_off',
      actorId: 'u-leader',
      names: { 'u-leader': '李敏' },
    };
    expect(describeFinding(night)).toBe('李敏 于 2026-04-22 02:00 销号');
  });
});
