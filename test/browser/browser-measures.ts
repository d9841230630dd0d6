import { WebHarness } from './browser-harness';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
/** The court day (UTC+8, as the demo court's Asia/Shanghai) `days` from today: after 16:00 UTC it is already tomorrow there. */
export const inDays = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A fresh 限期整改 measure led by 李敏 (limin) in the given department, created through the API. */
export async function newMeasure(web: WebHarness, departmentName: string, content: string): Promise<string> {
  const secretary = await web.token('shuji');
  const http = web.api.http;
  const departments: { id: string; name: string }[] = (
    await http.get('/api/v1/departments').set(bearer(secretary))
  ).body;
  const leaders: { id: string; displayName: string }[] = (
    await http.get('/api/v1/leaders').set(bearer(secretary))
  ).body;
  const departmentId = departments.find((d) => d.name === departmentName)!.id;
  const campaign = await http
    .post('/api/v1/campaigns')
    .set(bearer(secretary))
    .send({
      title: `浏览器测试专项 ${departmentName} ${Date.now()}`,
      source: 'self_inspection',
      issuedOn: inDays(0),
    });
  expect(campaign.status).toBe(201);
  const problem = await http
    .post(`/api/v1/campaigns/${campaign.body.id}/problems`)
    .set(bearer(secretary))
    .send({ title: '案件久拖不结', departmentIds: [departmentId] });
  expect(problem.status).toBe(201);
  const measure = await http
    .post(`/api/v1/problems/${problem.body.id}/measures`)
    .set(bearer(secretary))
    .send({
      content,
      target: '年底前清结',
      kind: 'deadline',
      responsibleLeaderId: leaders.find((l) => l.displayName === '李敏')!.id,
      departmentId,
      responsiblePerson: '刘洋',
      dueDate: inDays(30),
      milestones: [{ title: '完成台账', dueDate: inDays(10) }],
    });
  expect(measure.status).toBe(201);
  return measure.body.id;
}
