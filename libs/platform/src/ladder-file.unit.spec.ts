import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, () => 'generated-secret');

describe('SUPERVISION_LADDER_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('unset: the three steps of DUE_SOON_DAYS and ESCALATE_AFTER_DAYS', () => {
    const { supervisionLadder } = load({ DUE_SOON_DAYS: '5', ESCALATE_AFTER_DAYS: '10' });
    expect(supervisionLadder.steps.map((s) => [s.id, s.trigger])).toEqual([
      ['due_soon', { daysBefore: 5 }],
      ['overdue', { daysOverdue: 0 }],
      ['escalated', { daysOverdue: 10 }],
    ]);
  });

  it("takes a court's own steps from the file", () => {
    const path = file(
      'court.json',
      JSON.stringify({
        steps: [
          {
            id: 'left30',
            name: '提醒',
            level: 'reminder',
            trigger: { timeLeftPercent: 30 },
            recipients: ['department_head'],
          },
          {
            id: 'warning',
            name: '告诫',
            level: 'escalated',
            trigger: { daysOverdue: 3 },
            recipients: ['inspectors'],
            notice: true,
            noticeTitle: '告诫书',
          },
        ],
      }),
    );
    const { supervisionLadder } = load({ SUPERVISION_LADDER_FILE: path });
    expect(supervisionLadder.steps.map((s) => [s.id, s.name, s.notice, s.noticeTitle])).toEqual([
      ['left30', '提醒', false, '督办通知书'],
      ['warning', '告诫', true, '告诫书'],
    ]);
  });

  it('takes the example in deploy/ as it stands: a ladder of five steps up to 问责建议', () => {
    const example = join(__dirname, '..', '..', '..', 'deploy', 'supervision-ladder.example.json');
    const { supervisionLadder } = load({ SUPERVISION_LADDER_FILE: example });
    expect(supervisionLadder.steps.map((s) => s.name)).toEqual([
      '剩余30%提醒',
      '黄色预警',
      '逾期督办',
      '告诫',
      '问责建议',
    ]);
  });

  it('refuses a file that is missing, not JSON, or not a ladder, naming the setting and the problem', () => {
    expect(problems({ SUPERVISION_LADDER_FILE: join(dir, 'absent.json') }).join()).toMatch(
      /^SUPERVISION_LADDER_FILE cannot be read \(.*absent\.json\)/,
    );
    expect(problems({ SUPERVISION_LADDER_FILE: file('broken.json', '{"steps": [') }).join()).toMatch(
      /^SUPERVISION_LADDER_FILE is not valid JSON/,
    );
    const bad = file(
      'bad.json',
      JSON.stringify({
        steps: [{ id: 'x', name: '', level: 'overdue', trigger: { daysBefore: 2 }, recipients: [] }],
      }),
    );
    expect(problems({ SUPERVISION_LADDER_FILE: bad })).toEqual([
      'SUPERVISION_LADDER_FILE steps[0].name must be a text of 1 to 20 characters',
      'SUPERVISION_LADDER_FILE steps[0].level must be reminder or due_soon for a step before the due day',
      'SUPERVISION_LADDER_FILE steps[0].recipients must be a list of distinct department_head, responsible_leader, secretary, inspectors',
    ]);
  });
});
