import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { courtMinute } from '../lib/audit';
import { describeFinding, Finding, FINDING_LABELS } from '../lib/inspection';

interface Findings {
  findings: Finding[];
  events: number;
  settings: {
    maxExtensions: number;
    quickSignOffMinutes: number;
    nightFromHour: number;
    nightToHour: number;
    burstWrites: number;
    burstMinutes: number;
  };
}

/** 审计发现: what in the record deserves a look, each with the way to its history. */
export default function FindingsPage() {
  const result = useQuery({
    queryKey: ['audit', 'findings'],
    queryFn: () => api<Findings>('/api/v1/audit/findings'),
  });
  const s = result.data?.settings;
  return (
    <Card
      size="small"
      title="审计 · 审计发现"
      extra={
        <Button size="small" onClick={() => result.refetch()} loading={result.isFetching}>
          重新检查
        </Button>
      }
    >
      {s && (
        <Typography.Paragraph type="secondary">
          逐一检查全部 {result.data?.events} 个事件：截止日期过后才批准的延期；延期超过 {s.maxExtensions}{' '}
          次的措施；提交完成后 {s.quickSignOffMinutes} 分钟内由同一部门人员销号；仅相对延期后的期限按期完成；
          {s.nightFromHour}:00 至 {s.nightToHour}:00 的销号和延期审批；同一账号 {s.burstMinutes}{' '}
          分钟内写入超过 {s.burstWrites} 次。
        </Typography.Paragraph>
      )}
      {result.error && (
        <Alert
          type="error"
          showIcon
          title={result.error instanceof ApiError ? result.error.message : String(result.error)}
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<Finding>
        size="small"
        rowKey={(f) => `${f.rule}@${f.position}`}
        data-testid="findings-table"
        loading={result.isPending}
        dataSource={result.data?.findings ?? []}
        pagination={false}
        locale={{ emptyText: '未发现需要关注的情况' }}
        columns={[
          { title: '时间', key: 'at', width: 150, render: (_, f) => courtMinute(f.at) },
          {
            title: '发现',
            key: 'rule',
            width: 170,
            render: (_, f) => <Tag color="orange">{FINDING_LABELS[f.rule] ?? f.rule}</Tag>,
          },
          {
            title: '措施',
            key: 'measure',
            render: (_, f) =>
              f.measureId ? (
                <Link to={`/measures/${f.measureId}`}>
                  {f.measure ? `${f.measure.number} ${f.measure.content}` : f.measureId}
                </Link>
              ) : (
                '—'
              ),
          },
          { title: '情况', key: 'facts', render: (_, f) => describeFinding(f) },
          {
            title: '历史',
            key: 'history',
            width: 120,
            render: (_, f) => (
              <Space>
                {f.streamName ? (
                  <Link to={`/audit?streamName=${encodeURIComponent(f.streamName)}`}>审计记录</Link>
                ) : (
                  typeof f.actorId === 'string' && (
                    <Link to={`/audit?actorId=${encodeURIComponent(f.actorId)}`}>审计记录</Link>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
