import { binaryBody } from './support/raw-http';
import mammoth from 'mammoth';
import { AssignedMeasure } from '@tracker/domain';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { bearer, Court, setUpCourt } from './support/court';
import { Fixtures, MeasureFixture, noticeIssuerOf } from './support/fixtures';
import { raiseDeadlineAlert } from './support/raise-alert';
import { startTestApp, TestApp } from './support/test-app';
import { FOUR_STEP_LADDER } from './support/worker-harness';

interface LadderStepView {
  id: string;
  name: string;
  reachedOn: string;
  recipients: string[];
  noticeTitle: string | null;
  recorded: boolean;
}

/**
 * A court's own supervision ladder over HTTP (issue 16, item 1): the ladder itself, each
 * measure's steps and the one reached, the wall chart's light and step, and who is told.
 * Assigned 2026-03-02, due 2026-04-30 (59 days): 30 % left from 04-13, 15 % from 04-22,
 * 逾期督办 from 05-01, 告诫 from 05-04.
 */
describe('a court ladder of four steps', () => {
  let t: TestApp;
  let court: Court;
  let m: MeasureFixture;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z', config: { supervisionLadder: FOUR_STEP_LADDER } });
    court = await setUpCourt(t);
    m = await new Fixtures(t, court).measure('assigned');
  }, 120_000);
  afterAll(() => t?.close());

  const measure = async (token = court.users.leader.token) =>
    (await t.http.get(m.url).set(bearer(token)).expect(200)).body as {
      light: string;
      dueSoon: boolean;
      behindMilestone: boolean;
      step: { id: string; name: string } | null;
      ladder: LadderStepView[];
    };
  const boardRow = async () => {
    const body = (await t.http.get('/api/v1/board').set(bearer(court.users.secretary.token)).expect(200))
      .body;
    const rows = JSON.stringify(body);
    expect(rows).toContain(m.id);
    const found: { id: string; step: unknown; light: string }[] = [];
    JSON.parse(rows, (key, value) => {
      if (value && typeof value === 'object' && value.id === m.id && 'light' in value) found.push(value);
      return value;
    });
    return found[0];
  };
  const inbox = async (token: string) =>
    (
      (await t.http.get('/api/v1/me/alerts').set(bearer(token)).expect(200)).body as {
        measureId: string;
        stepId: string;
      }[]
    )
      .filter((a) => a.measureId === m.id)
      .map((a) => a.stepId)
      .sort();

  it('anyone signed in reads the ladder the court configured', async () => {
    const { body } = await t.http
      .get('/api/v1/supervision-ladder')
      .set(bearer(court.users.civilHead.token))
      .expect(200);
    expect(
      body.steps.map((s: { id: string; trigger: object; noticeTitle: string | null }) => [
        s.id,
        s.trigger,
        s.noticeTitle,
      ]),
    ).toEqual([
      ['left30', { timeLeftPercent: 30 }, null],
      ['left15', { timeLeftPercent: 15 }, null],
      ['overdue', { daysOverdue: 0 }, '督办通知书'],
      ['warning', { daysOverdue: 3 }, '告诫书'],
    ]);
  });

  it("lays the ladder over the measure's deadline; none is reached on the day of assignment", async () => {
    const view = await measure();
    expect(view.ladder.map((s) => [s.id, s.name, s.reachedOn, s.recorded])).toEqual([
      ['left30', '剩余30%提醒', '2026-04-13', false],
      ['left15', '黄色预警', '2026-04-22', false],
      ['overdue', '逾期督办', '2026-05-01', false],
      ['warning', '告诫', '2026-05-04', false],
    ]);
    expect(view.ladder[3].recipients).toEqual(['responsible_leader', 'secretary', 'inspectors']);
    expect(view.step).toBeNull();
    expect(view.light).toBe('blue');
  });

  it('a reminder step names the step but is not due soon; the 15 % step is, on the board too', async () => {
    t.clock.set('2026-04-13T02:00:00Z');
    // Yellow already for the milestone of 03-15 with no report since; the reminder does not make it due soon.
    expect(await measure()).toMatchObject({
      light: 'yellow',
      dueSoon: false,
      behindMilestone: true,
      step: { id: 'left30', name: '剩余30%提醒' },
    });
    t.clock.set('2026-04-22T02:00:00Z');
    expect(await measure()).toMatchObject({ light: 'yellow', dueSoon: true, step: { id: 'left15' } });
    expect(await boardRow()).toMatchObject({ light: 'yellow', step: { id: 'left15', name: '黄色预警' } });
  });

  it('the overdue step records every step before it, in order, and goes to the department and its leader, not the inspectors', async () => {
    t.clock.set('2026-05-01T02:00:00Z');
    await raiseDeadlineAlert(t, m.id, 'overdue');
    const view = await measure();
    expect(view.ladder.map((s) => [s.id, s.recorded])).toEqual([
      ['left30', true],
      ['left15', true],
      ['overdue', true],
      ['warning', false],
    ]);
    expect(view).toMatchObject({ light: 'red', step: { id: 'overdue' } });
    const history = (
      await t.http.get(`${m.url}/history`).set(bearer(court.users.inspector.token)).expect(200)
    ).body as { type: string; data: { stepId?: string } }[];
    expect(history.filter((e) => e.data.stepId).map((e) => [e.type, e.data.stepId])).toEqual([
      ['Reminded', 'left30'],
      ['DueSoonWarned', 'left15'],
      ['OverdueFlagged', 'overdue'],
    ]);
    // The steps before the due day are answered by the next: the overdue step stays open.
    expect(await inbox(court.users.civilHead.token)).toEqual(['overdue']);
    expect(await inbox(court.users.leader.token)).toEqual(['overdue']);
    expect(await inbox(court.users.inspector.token)).toEqual([]);
  });

  it('告诫 three days later goes to the leaders and the inspectors, and issues a 告诫书', async () => {
    t.clock.set('2026-05-04T02:00:00Z');
    await raiseDeadlineAlert(t, m.id, 'warning');
    const state = t.app.get(CatalogueView).measure(m.id)?.state as AssignedMeasure;
    // As AlertRecorder does in the worker, which this app does not run.
    const issuer = noticeIssuerOf(t.app);
    for (const alert of state.alerts) await issuer.issueFor(alert, state);
    await t.app.get(ReadModels).catchUp((await t.dump()).at(-1)!.position);
    expect(await inbox(court.users.inspector.token)).toEqual(['warning']);
    // The secretary is among the warning's recipients, not the overdue step's.
    expect(await inbox(court.users.secretary.token)).toEqual(['warning']);
    // The department head was told of the overdue step, not of the warning.
    expect(await inbox(court.users.civilHead.token)).toEqual(['overdue']);
    const notices = (await t.http.get('/api/v1/notices').set(bearer(court.users.secretary.token)).expect(200))
      .body as { title: string; alertId: string; measure: { measureId: string } }[];
    expect(
      notices
        .filter((n) => n.measure.measureId === m.id)
        .map((n) => [n.alertId, n.title])
        .sort(),
    ).toEqual([
      ['v1-deadline-overdue', '督办通知书'],
      ['v1-deadline-warning', '告诫书'],
    ]);
    const warning = notices.find((n) => n.alertId === 'v1-deadline-warning') as unknown as { id: string };
    const docx = await t.http
      .get(`/api/v1/notices/${warning.id}.docx`)
      .set(bearer(court.users.secretary.token))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.body as Buffer });
    expect(text).toContain('告诫书');
    expect(text).not.toContain('督办通知书');
  });
});
