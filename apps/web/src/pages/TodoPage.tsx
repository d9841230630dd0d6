import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Progress, Result, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ACTIONS } from '../components/MeasureActionForm';
import { lightLegend, statusLabel } from '../lib/labels';
import { Light, MeasureStatus } from '../lib/types';

interface MyMeasure {
  id: string;
  number: string;
  content: string;
  departmentName: string | null;
  responsibleLeaderName: string | null;
  responsiblePerson: string;
  dueDate: string | null;
  nextDueDate: string | null;
  daysLeft: number | null;
  status: MeasureStatus;
  light: Light;
  percent: number;
  returned: boolean;
  reopened: boolean;
  allowedActions: string[];
}

/** 催办 addressed to my department, open until we report progress. */
interface MyUrging {
  measureId: string;
  urgeId: string;
  message: string;
  urgedOn: string;
  urgedByName: string | null;
  measureNumber: string;
  content: string;
}

/** 回头看 reminders addressed to me (a leader), open until I record the review or reopen the measure. */
interface MyLookBack {
  measureId: string;
  reviewId: string;
  months: number;
  signedOffOn: string;
  dueOn: string;
  measureNumber: string;
  content: string;
  departmentName: string | null;
}

/** The server counts the days on the court's calendar, so the page only words them. */
export function daysLeftText(m: Pick<MyMeasure, 'status' | 'daysLeft'>): string {
  if (m.status === 'signed_off') return '已销号';
  if (m.daysLeft === null) return '—';
  if (m.daysLeft < 0) return `已逾期${-m.daysLeft}天`;
  if (m.daysLeft === 0) return '今天到期';
  return `还剩${m.daysLeft}天`;
}

/** 我的待办: my department's measures (a leader: those I lead), most urgent first, as the API orders them. */
export default function TodoPage() {
  const navigate = useNavigate();
  const { user } = useAuth();
  const mine = useQuery({
    queryKey: ['me', 'measures'],
    queryFn: () => api<MyMeasure[]>('/api/v1/me/measures'),
  });
  const urgings = useQuery({
    queryKey: ['me', 'urgings'],
    queryFn: () => api<MyUrging[]>('/api/v1/me/urgings'),
    enabled: user?.role === 'department_head',
  });
  const lookBacks = useQuery({
    queryKey: ['me', 'look-backs'],
    queryFn: () => api<MyLookBack[]>('/api/v1/me/look-backs'),
    enabled: user?.role === 'leader',
  });
  if (mine.isError) return <Result status="error" title={mine.error.message} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        我的待办
      </Typography.Title>
      {(urgings.data ?? []).length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="催办"
          data-testid="urgings"
          description={
            <List
              size="small"
              dataSource={urgings.data}
              renderItem={(u) => (
                <List.Item
                  key={u.urgeId}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/measures/${u.measureId}`)}
                >
                  措施 {u.measureNumber}（{u.content}）：{u.urgedByName ?? '责任领导'}于 {u.urgedOn} 催办——
                  {u.message}
                  。报告进展后此催办即告办结。
                </List.Item>
              )}
            />
          }
        />
      )}
      {(lookBacks.data ?? []).length > 0 && (
        <Alert
          type="info"
          showIcon
          title="回头看待查"
          data-testid="look-backs"
          description={
            <List
              size="small"
              dataSource={lookBacks.data}
              renderItem={(r) => (
                <List.Item
                  key={`${r.measureId}-${r.reviewId}`}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/measures/${r.measureId}`)}
                >
                  措施 {r.measureNumber}（{r.content}，{r.departmentName ?? '责任部门'}）：{r.signedOffOn}{' '}
                  销号，已满{r.months}个月（{r.dueOn} 起），请开展回头看，确认未反弹或重新打开。
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card size="small">
        <Table<MyMeasure>
          rowKey="id"
          size="middle"
          loading={mine.isPending}
          dataSource={mine.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无待办措施' }}
          onRow={(m) => ({
            onClick: () => navigate(`/measures/${m.id}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: '状态灯',
              key: 'light',
              width: 96,
              render: (_, m) => <Tag color={lightLegend(m.light).tag}>{lightLegend(m.light).label}</Tag>,
            },
            { title: '编号', dataIndex: 'number', width: 80 },
            {
              title: '整改措施',
              key: 'content',
              render: (_, m) => (
                <Space size={4} wrap>
                  {/* A real link too, so the row opens from the keyboard. */}
                  <Typography.Link href={`/measures/${m.id}`} onClick={(e) => e.preventDefault()}>
                    {m.content}
                  </Typography.Link>
                  {m.returned && <Tag color="orange">退回</Tag>}
                  {m.reopened && <Tag color="purple">回头看</Tag>}
                </Space>
              ),
            },
            { title: '责任人', dataIndex: 'responsiblePerson', width: 90 },
            {
              title: '完成时限',
              key: 'due',
              width: 170,
              render: (_, m) => (
                <Space orientation="vertical" size={0}>
                  <span>{m.nextDueDate ?? m.dueDate ?? '—'}</span>
                  <Typography.Text type={m.daysLeft !== null && m.daysLeft < 0 ? 'danger' : 'secondary'}>
                    {daysLeftText(m)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '进度',
              key: 'percent',
              width: 140,
              render: (_, m) => <Progress percent={m.percent} size="small" />,
            },
            { title: '办理状态', key: 'status', width: 90, render: (_, m) => statusLabel(m.status) },
            {
              title: '可办理',
              key: 'actions',
              width: 200,
              render: (_, m) =>
                m.allowedActions
                  .filter((a) => ACTIONS[a])
                  .map((a) => ACTIONS[a].label)
                  .join('、') || '—',
            },
          ]}
        />
      </Card>
    </Space>
  );
}
