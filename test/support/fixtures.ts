import { Response, Test } from 'supertest';
import { CourtCalendar, EventSourcedWriter } from '@tracker/command-path';
import { CatalogueView, DirectoryView, IssuedNoticesView, ReadModels } from '@tracker/read-models';
import { NoticeIssuer } from '@tracker/scheduling';
import { bearer, Court } from './court';
import { raiseDeadlineAlert } from './raise-alert';
import { TestApp } from './test-app';

/** Dates the fixtures use; the test clock stands at 2026-03-02 (Asia/Shanghai). */
export const ISSUED_ON = '2026-03-01';
export const DUE_DATE = '2026-04-30';
export const EXTENDED_TO = '2026-05-31';

/** Where a measure stands when a test picks it up. */
export type MeasureStage = 'assigned' | 'extension_pending' | 'submitted' | 'signed_off';

export interface MeasureFixture {
  id: string;
  url: string;
  /** The pending extension request, for stage `extension_pending`. */
  requestId?: string;
}

/** A small PDF, as evidence files (佐证材料) are uploaded (multipart/form-data, field `file`). */
export const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** Any Chinese character: messages shown to users are in Simplified Chinese by default. */
export const CHINESE = /[\u4e00-\u9fff]/;

let sequence = 0;
/** A name no other fixture in this process has used (department and user names must be unique). */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/** Sends a set-up request and fails loudly, with the response body, if it is not answered as expected. */
/** The worker's notice issuer over an API app's own services, for specs that stand in for the worker. */
export function noticeIssuerOf(app: TestApp['app']): NoticeIssuer {
  return new NoticeIssuer(
    app.get(EventSourcedWriter),
    app.get(CourtCalendar),
    app.get(CatalogueView),
    app.get(IssuedNoticesView),
    app.get(DirectoryView),
  );
}

export async function expectStatus(request: Test, status: number): Promise<Response> {
  const response = await request;
  if (response.status !== status) {
    throw new Error(
      `fixture set-up: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response;
}

/** A valid AddMeasure body: 限期整改 owned by the civil division, led by `court.users.leader`. */
export function measureBody(court: Court, overrides: object = {}) {
  return {
    content: '逐案建立台账，挂牌督办',
    target: '年底前清结',
    kind: 'deadline',
    responsibleLeaderId: court.users.leader.id,
    departmentId: court.departments.civil,
    responsiblePerson: '刘洋',
    dueDate: DUE_DATE,
    milestones: [{ title: '完成台账', dueDate: '2026-03-15' }],
    ...overrides,
  };
}

/**
 * Builds campaigns, problems and measures through the API, each step by the actor allowed to
 * take it: the secretary plans, the civil division's head reports, `court.users.leader` decides.
 */
export class Fixtures {
  constructor(
    private readonly t: TestApp,
    private readonly court: Court,
  ) {}

  /** For fixtures a spec builds itself, through the same API. */
  get http() {
    return this.t.http;
  }

  async campaign(source = 'inspection_feedback'): Promise<string> {
    const response = await expectStatus(
      this.t.http
        .post('/api/v1/campaigns')
        .set(bearer(this.court.users.secretary.token))
        .send({ title: unique('整改专项'), source, issuedOn: ISSUED_ON }),
      201,
    );
    return response.body.id;
  }

  async problem(campaignId?: string): Promise<string> {
    const campaign = campaignId ?? (await this.campaign());
    const response = await expectStatus(
      this.t.http
        .post(`/api/v1/campaigns/${campaign}/problems`)
        .set(bearer(this.court.users.secretary.token))
        .send({ title: unique('问题'), departmentIds: [this.court.departments.civil] }),
      201,
    );
    return response.body.id;
  }

  /** Uploads a small PDF as the civil division's head: an evidence file (佐证材料) of the measure; answers its id. */
  async attachment(measureUrl: string, fileName = '整改通知.pdf'): Promise<string> {
    const response = await expectStatus(
      this.t.http
        .post(`${measureUrl}/attachments`)
        .set(bearer(this.court.users.civilHead.token))
        .attach('file', EVIDENCE_PDF, { filename: fileName }),
      201,
    );
    return response.body.id;
  }

  /**
   * A 督办单 of a fresh measure, issued as the worker's overdue step issues it; `received` once the
   * civil division's head has signed for it. Answers the notice's id.
   */
  async notice(received = false): Promise<string> {
    const m = await this.measure('assigned');
    const alertId = await raiseDeadlineAlert(this.t, m.id, 'overdue');
    const state = this.t.app.get(CatalogueView).measure(m.id)!.state;
    const alert = state.alerts.find((a) => a.alertId === alertId)!;
    const issuer = noticeIssuerOf(this.t.app);
    await issuer.issueFor(alert, state);
    const events = await this.t.dump();
    await this.t.app.get(ReadModels).catchUp(events[events.length - 1].position);
    const issued = events.filter((e) => e.type === 'NoticeIssued').at(-1)!;
    const noticeId = (issued.data as { noticeId: string }).noticeId;
    if (received) {
      await expectStatus(
        this.t.http.post(`/api/v1/notices/${noticeId}/receipt`).set(bearer(this.court.users.civilHead.token)),
        200,
      );
    }
    return noticeId;
  }

  async measure(stage: MeasureStage = 'assigned'): Promise<MeasureFixture> {
    const { secretary, leader, civilHead } = this.court.users;
    const problemId = await this.problem();
    const created = await expectStatus(
      this.t.http
        .post(`/api/v1/problems/${problemId}/measures`)
        .set(bearer(secretary.token))
        .send(measureBody(this.court)),
      201,
    );
    const fixture: MeasureFixture = { id: created.body.id, url: `/api/v1/measures/${created.body.id}` };
    if (stage === 'extension_pending') {
      const requested = await expectStatus(
        this.t.http
          .post(`${fixture.url}/extension-requests`)
          .set(bearer(civilHead.token))
          .send({ newDueDate: EXTENDED_TO, reason: '等待鉴定结论' }),
        201,
      );
      fixture.requestId = requested.body.requestId;
    }
    if (stage === 'submitted' || stage === 'signed_off') {
      await expectStatus(
        this.t.http
          .post(`${fixture.url}/completion`)
          .set(bearer(civilHead.token))
          .send({ summary: '已清结', evidence: '结案报告' }),
        200,
      );
    }
    if (stage === 'signed_off') {
      await expectStatus(
        this.t.http.post(`${fixture.url}/sign-off`).set(bearer(leader.token)).send({ opinion: '同意销号' }),
        200,
      );
    }
    return fixture;
  }
}
