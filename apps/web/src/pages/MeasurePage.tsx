import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, apiWithEtag, ApiError } from '../api/client';
import { useInbox } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { ACTIONS, CONFLICT_MESSAGE, MeasureActionForm } from '../components/MeasureActionForm';
import { EvidenceList, EvidencePanel } from '../components/Evidence';
import { EvidenceFile } from '../lib/evidence';
import { relativeDue } from '../lib/dates';
import { MeasureLadder } from '../components/MeasureLadder';
import { alertLevel, alertName, kindLabel, lightLegend, statusLabel } from '../lib/labels';
import { ladderItems } from '../lib/ladder';
import { courtToday, newIdempotencyKey } from '../lib/measure-light';
import { HistoryEvent, timeline } from '../lib/timeline';
import { AlertLevel, Light, MeasureKind, MeasureLadderStep, MeasureStatus, StepReached } from '../lib/types';

export interface MeasureDetail {
  id: string;
  number: string;
  content: string;
  target: string | null;
  kind: MeasureKind;
  responsibleLeaderName: string | null;
  departmentName: string | null;
  responsiblePerson: string;
  originalDueDate: string | null;
  dueDate: string | null;
  reportEveryDays: number | null;
  milestones: { milestoneId: string; title: string; dueDate: string }[];
  status: MeasureStatus;
  /** The wall chart's light, read by the API's own rule; null once cancelled. */
  light: Light | null;
  /** The latest step of the supervision ladder reached today (督办环节); absent from older servers. */
  step?: StepReached | null;
  /** The ladder over the current deadline; empty for 长期坚持 or once cancelled. */
  ladder?: MeasureLadderStep[];
  returned: boolean;
  reopened: boolean;
  percent: number;
  lastReportedOn: string | null;
  pendingExtension: { requestId: string; newDueDate: string; reason: string } | null;
  extensionsGranted: number;
  outcomes: { outcomeId: string; title: string }[];
  submission: {
    summary: string;
    evidence: string | null;
    attachmentIds?: string[];
    /** The files the submission cites: the evidence the leader signs off on. */
    attachments?: EvidenceFile[];
  } | null;
  attachments?: EvidenceFile[];
  signOff: { signedOffOn: string; onTime: boolean | null; opinion: string | null } | null;
  cancellation: { reason: string } | null;
  /** 回头看: absent from servers before look-back reviews. */
  lookBack?: LookBack;
  allowedActions: string[];
  revision: string;
}

interface LookBack {
  /** 回头看待查: a reminder has fallen due and no review has answered it. */
  due: boolean;
  dueOn: string | null;
  open: { reviewId: string; signedOffOn: string; dueOn: string; months: number }[];
  next: { reviewId: string; dueOn: string; months: number } | null;
  reviews: {
    reviewId: string | null;
    finding: string;
    reviewedOn: string;
    reviewedByName: string | null;
  }[];
}

interface OpenAlert {
  alertId: string;
  level: AlertLevel;
  stepName?: string;
  subject: 'deadline' | 'milestone' | 'report';
  dueDate: string;
  raisedAt: string;
}

const SUBJECT: Record<string, string> = { deadline: '完成时限', milestone: '节点', report: '进展报告' };

const measurePath = (id: string) => `/api/v1/measures/${encodeURIComponent(id)}`;

/** 措施详情: the five fixes, where the work stands, the whole history in words, and what I may do now. */
export default function MeasurePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const measure = useQuery({
    queryKey: ['measure', id],
    queryFn: () => apiWithEtag<MeasureDetail>(measurePath(id)),
  });
  const history = useQuery({
    queryKey: ['measure', id, 'history'],
    queryFn: () => api<HistoryEvent[]>(`${measurePath(id)}/history`),
  });
  // Only to write 党组书记 rather than 党组成员 in the timeline: history records the role, not the post.
  const leaders = useQuery({
    queryKey: ['leaders'],
    queryFn: () => api<{ id: string; secretary: boolean }[]>('/api/v1/leaders'),
    staleTime: 600_000,
  });
  // The administrator has no business data, so no alerts either.
  const alerts = useQuery({
    queryKey: ['alerts', { measureId: id }],
    queryFn: () => api<OpenAlert[]>(`/api/v1/alerts?measureId=${encodeURIComponent(id)}`),
    enabled: user?.role !== 'admin',
  });
  const inbox = useInbox();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['measure', id] }),
      queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
      queryClient.invalidateQueries({ queryKey: ['board'] }),
    ]);

  const [ackKey] = useState(newIdempotencyKey);
  const acknowledge = useMutation({
    mutationFn: (alertId: string) =>
      api(`${measurePath(id)}/alerts/${encodeURIComponent(alertId)}/acknowledge`, {
        method: 'POST',
        headers: { 'Idempotency-Key': `${ackKey}-${alertId}` },
      }),
    onSuccess: () => {
      message.success('已标记为已阅');
      void refresh();
    },
    onError: (error) => message.error(error.message),
  });

  const back = (
    // Opened from a link in another tab there is no page to go back to: the board then.
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/board'))}
    >
      返回
    </Button>
  );
  if (measure.isPending) return <Skeleton active />;
  if (measure.isError) {
    const notFound = measure.error instanceof ApiError && measure.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '未找到该整改措施' : measure.error.message}
        extra={back}
      />
    );
  }
  const m = measure.data.body;
  const etag = measure.data.etag ?? `"${m.revision}"`;
  const today = courtToday();
  const openAlerts = alerts.data ?? [];
  const legend = m.light ? lightLegend(m.light) : null;
  const due = relativeDue(m.dueDate, today, { signedOff: m.status === 'signed_off' });
  const unacknowledged = new Set(
    (inbox.data ?? []).filter((a) => a.measureId === m.id && !a.acknowledged).map((a) => a.alertId),
  );
  const actions = m.allowedActions.filter((a) => ACTIONS[a]);
  const secretaryIds = new Set((leaders.data ?? []).filter((l) => l.secretary).map((l) => l.id));
  const entries = timeline(history.data ?? [], {
    departmentName: m.departmentName,
    secretaryIds,
    milestones: m.milestones,
  });
  const latestNote = [...(history.data ?? [])].reverse().find((e) => e.type === 'ProgressReported');
  const approvedExtensions = (history.data ?? []).filter((e) => e.type === 'ExtensionApproved');
  const ladder = ladderItems(m.ladder ?? [], m.step, today, { signedOff: m.status === 'signed_off' });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          整改措施 {m.number}
        </Typography.Title>
        {legend ? (
          <Tag color={legend.tag} data-testid="light">
            {legend.label}
          </Tag>
        ) : null}
        <Tag data-testid="status">状态：{statusLabel(m.status)}</Tag>
        {m.returned && <Tag color="orange">退回</Tag>}
        {m.reopened && <Tag color="purple">回头看</Tag>}
        {m.lookBack?.due && (
          <Tag color="magenta" data-testid="look-back-due">
            回头看待查
          </Tag>
        )}
      </Space>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(false) }}
          title={CONFLICT_MESSAGE}
          data-testid="conflict"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="五定" size="small">
              <Descriptions bordered column={2} size="small" data-testid="five-fixes">
                <Descriptions.Item label="整改措施" span={2}>
                  {m.content}
                </Descriptions.Item>
                <Descriptions.Item label="整改目标" span={2}>
                  {m.target ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label="责任领导">{m.responsibleLeaderName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="责任部门">{m.departmentName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="责任人">{m.responsiblePerson}</Descriptions.Item>
                <Descriptions.Item label="类型">{kindLabel(m.kind)}</Descriptions.Item>
                <Descriptions.Item label="原定完成时限">
                  {m.originalDueDate ?? (m.kind === 'long_term' ? '长期坚持' : '—')}
                </Descriptions.Item>
                <Descriptions.Item label="当前完成时限">
                  <Space size={4} wrap>
                    {m.dueDate ?? (m.reportEveryDays ? `每${m.reportEveryDays}天报告一次` : '—')}
                    {due && (
                      <Typography.Text type={due.tone === 'overdue' ? 'danger' : 'secondary'}>
                        {due.text}
                      </Typography.Text>
                    )}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="延期记录" span={2}>
                  {approvedExtensions.length === 0
                    ? '尚无批准的延期'
                    : approvedExtensions
                        .map(
                          (e, i) =>
                            `第${i + 1}次：${String(e.data.previousDueDate)} → ${String(e.data.newDueDate)}`,
                        )
                        .join('；')}
                  {m.pendingExtension && (
                    <div>
                      <Tag color="processing">待审批</Tag>申请延期至 {m.pendingExtension.newDueDate}，理由：
                      {m.pendingExtension.reason}
                    </div>
                  )}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {ladder.length > 0 && (
              <Card title="督办阶梯" size="small" data-testid="ladder-card">
                <MeasureLadder items={ladder} />
              </Card>
            )}
            <Card title="进度" size="small">
              {/* The reported figure in words, always: antd would swap it for a tick icon on a signed-off measure. */}
              <Progress percent={m.percent} format={(p) => `${p}%`} aria-label="完成百分比" />
              <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="latest-note">
                {latestNote
                  ? `最新进展（${m.lastReportedOn ?? ''}）：${String(latestNote.data.note)}`
                  : '尚未报告进展'}
              </Typography.Paragraph>
              {m.submission && (
                <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                  已提交完成：{m.submission.summary}
                  {m.submission.evidence ? `（佐证材料：${m.submission.evidence}）` : ''}
                </Typography.Paragraph>
              )}
              {m.submission && (m.submission.attachments ?? []).length > 0 && (
                <div data-testid="submission-evidence">
                  <Typography.Text type="secondary">提交完成所附佐证材料：</Typography.Text>
                  <EvidenceList files={m.submission.attachments ?? []} />
                </div>
              )}
              {m.signOff && (
                <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                  {m.signOff.signedOffOn} 销号
                  {m.signOff.onTime === true
                    ? '（按期完成）'
                    : m.signOff.onTime === false
                      ? '（逾期完成）'
                      : ''}
                  {m.signOff.opinion ? `，意见：${m.signOff.opinion}` : ''}
                </Typography.Paragraph>
              )}
              {m.cancellation && (
                <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                  已撤销，理由：{m.cancellation.reason}
                </Typography.Paragraph>
              )}
            </Card>
            {m.lookBack && (m.status === 'signed_off' || m.lookBack.reviews.length > 0) && (
              <Card title="回头看" size="small" data-testid="look-back">
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {m.lookBack.open.map((r) => (
                    <Alert
                      key={r.reviewId}
                      type="warning"
                      showIcon
                      title={`${r.signedOffOn} 销号已满${r.months}个月（${r.dueOn} 起）：请责任领导开展回头看，确认未反弹，或发现反弹回潮时重新打开`}
                    />
                  ))}
                  {m.lookBack.next && (
                    <Typography.Text type="secondary" data-testid="look-back-next">
                      下次回头看：{m.lookBack.next.dueOn}（销号后{m.lookBack.next.months}个月）
                    </Typography.Text>
                  )}
                  {m.lookBack.reviews.length === 0 ? (
                    <Typography.Text type="secondary">尚无回头看记录</Typography.Text>
                  ) : (
                    <List
                      size="small"
                      data-testid="look-back-reviews"
                      dataSource={m.lookBack.reviews}
                      renderItem={(r) => (
                        <List.Item>
                          {r.reviewedOn} {r.reviewedByName ?? ''} 确认未反弹：{r.finding}
                        </List.Item>
                      )}
                    />
                  )}
                </Space>
              </Card>
            )}
            <Row gutter={16}>
              <Col span={12}>
                <Card title="节点" size="small">
                  {m.milestones.length === 0 ? (
                    <Typography.Text type="secondary">无</Typography.Text>
                  ) : (
                    <List
                      size="small"
                      dataSource={m.milestones}
                      renderItem={(x) => (
                        <List.Item>
                          {x.dueDate} {x.title}
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
              <Col span={12}>
                <Card title="建章立制" size="small">
                  {m.outcomes.length === 0 ? (
                    <Typography.Text type="secondary">暂无制度成果</Typography.Text>
                  ) : (
                    <List
                      size="small"
                      dataSource={m.outcomes}
                      renderItem={(o) => <List.Item>{o.title}</List.Item>}
                    />
                  )}
                </Card>
              </Col>
            </Row>
            {user?.role !== 'admin' && (
              <Card title="佐证材料" size="small" data-testid="evidence">
                {/* Withdrawing takes the authority of a progress report (the measure's own department, work under way). */}
                <EvidencePanel measureId={m.id} mayWithdraw={m.allowedActions.includes('reportProgress')} />
              </Card>
            )}
            {user?.role !== 'admin' && (
              <Card title="未结提醒" size="small" data-testid="open-alerts">
                {openAlerts.length === 0 ? (
                  <Typography.Text type="secondary">无未结提醒</Typography.Text>
                ) : (
                  <List
                    size="small"
                    dataSource={openAlerts}
                    renderItem={(a) => (
                      <List.Item
                        extra={
                          m.allowedActions.includes('acknowledgeAlert') && unacknowledged.has(a.alertId) ? (
                            <Button
                              size="small"
                              loading={acknowledge.isPending && acknowledge.variables === a.alertId}
                              onClick={() => acknowledge.mutate(a.alertId)}
                            >
                              已阅
                            </Button>
                          ) : null
                        }
                      >
                        <Tag color={alertLevel(a.level).color}>{alertName(a)}</Tag>
                        {SUBJECT[a.subject] ?? a.subject} {a.dueDate}
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="可办理事项" size="small" data-testid="actions">
              {actions.length === 0 ? (
                <Typography.Text type="secondary" data-testid="no-actions">
                  当前没有您可办理的事项
                </Typography.Text>
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    {actions.map((a) => (
                      <Button
                        key={a}
                        type={open === a ? 'primary' : 'default'}
                        aria-expanded={open === a}
                        // "销号" and "退回" read as words; antd would space two-character labels out.
                        autoInsertSpace={false}
                        onClick={() => setOpen(open === a ? null : a)}
                      >
                        {ACTIONS[a].label}
                      </Button>
                    ))}
                  </Space>
                  {open && actions.includes(open) && (
                    <MeasureActionForm
                      // A new form, and so a new Idempotency-Key, each time one is opened.
                      key={open}
                      measureId={m.id}
                      etag={etag}
                      action={ACTIONS[open]}
                      requestId={m.pendingExtension?.requestId ?? null}
                      onCancel={() => setOpen(null)}
                      onConflict={() => {
                        setConflict(true);
                        void queryClient.invalidateQueries({ queryKey: ['measure', id] });
                      }}
                      onDone={() => {
                        message.success(`${ACTIONS[open].label}已办理`);
                        setOpen(null);
                        setConflict(false);
                        void refresh();
                      }}
                    />
                  )}
                </Space>
              )}
            </Card>
            <Card title="办理记录" size="small" data-testid="timeline">
              {history.isPending ? (
                <Skeleton active />
              ) : history.isError ? (
                history.error instanceof ApiError && history.error.status === 403 ? (
                  <Alert
                    type="info"
                    showIcon
                    data-testid="history-forbidden"
                    title="办理记录仅供党组成员、纪检监察人员和本部门查看"
                  />
                ) : (
                  <Alert type="error" showIcon title={history.error.message} />
                )
              ) : entries.length === 0 ? (
                <Empty />
              ) : (
                <Timeline
                  items={entries.map((e) => ({
                    key: e.revision,
                    content: (
                      <div data-testid="timeline-entry">
                        <Typography.Text type="secondary">{e.time}</Typography.Text>{' '}
                        <Typography.Text strong>{e.who}</Typography.Text> {e.text}
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
