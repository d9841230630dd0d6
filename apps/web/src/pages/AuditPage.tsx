import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { AuditEvent, courtDay, filterEvents, measureIdOf } from '../lib/audit';
import { roleLabel } from '../lib/labels';
import { Role } from '../lib/types';

const PAGE = 200;

interface Integrity {
  ok: boolean;
  streams: number;
  events: number;
  failures: { streamName: string; revision: string; reason: string }[];
  checkedThrough: string | null;
}

function IntegrityCheck() {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Integrity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api<Integrity>('/api/v1/audit/integrity'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Card size="small" title="完整性校验" style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Button type="primary" onClick={run} loading={running}>
            运行完整性校验
          </Button>
          <Typography.Text type="secondary">
            从每条事件流的第一个事件起重新计算哈希链，检查有无篡改或删除。
          </Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {result &&
          (result.ok ? (
            <Alert
              type="success"
              showIcon
              data-testid="integrity-result"
              title={`校验通过：${result.streams} 条事件流、${result.events} 个事件的哈希链完整，未发现篡改或删除。`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="integrity-result"
              title={`校验未通过：${result.failures.length} 处哈希链断裂（共 ${result.streams} 条事件流、${result.events} 个事件）`}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {result.failures.map((f) => (
                    <li key={`${f.streamName}@${f.revision}`}>
                      事件流 {f.streamName} 第 {f.revision} 版：{f.reason}
                    </li>
                  ))}
                </ul>
              }
            />
          ))}
      </Space>
    </Card>
  );
}

/** 审计: the full event feed for 纪检监察, paged by position, and the hash-chain check. */
export default function AuditPage() {
  // The positions each loaded page started after: the way back for 上一页.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const [stream, setStream] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const feed = useQuery({
    queryKey: ['audit', 'events', after ?? null],
    queryFn: () =>
      api<AuditEvent[]>(
        `/api/v1/audit/events?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ),
  });
  const events = useMemo(() => feed.data ?? [], [feed.data]);
  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort(), [events]);
  const shown = useMemo(
    () =>
      filterEvents(events, {
        stream,
        type,
        actor,
        from: range?.[0]?.format('YYYY-MM-DD'),
        to: range?.[1]?.format('YYYY-MM-DD'),
      }),
    [events, stream, type, actor, range],
  );
  const last = events[events.length - 1]?.position;

  return (
    <>
      <IntegrityCheck />
      <Card size="small" title="审计 · 事件记录">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input
            aria-label="事件流"
            placeholder="事件流（如 measure-…）"
            allowClear
            value={stream}
            onChange={(e) => setStream(e.target.value)}
            style={{ width: 220 }}
          />
          <Select
            aria-label="事件类型"
            placeholder="事件类型"
            allowClear
            value={type}
            onChange={setType}
            options={types.map((t) => ({ value: t, label: t }))}
            style={{ width: 220 }}
          />
          <Input
            aria-label="操作人"
            placeholder="操作人（用户ID）"
            allowClear
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            aria-label="时间范围"
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            placeholder={['开始日期', '结束日期']}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="audit-count">
          本页第 {cursors.length} 页，共 {events.length} 个事件，筛选后 {shown.length}{' '}
          个（筛选只作用于当前页）
        </Typography.Paragraph>
        {feed.error && <Alert type="error" showIcon title={feed.error.message} />}
        <Table<AuditEvent>
          size="small"
          rowKey="position"
          data-testid="audit-table"
          loading={feed.isLoading}
          dataSource={shown}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: '没有符合条件的事件' }}
          columns={[
            { title: '位置', dataIndex: 'position', width: 70 },
            {
              title: '时间',
              key: 'time',
              width: 150,
              render: (_, e) =>
                e.metadata.recordedAt
                  ? `${courtDay(e.metadata.recordedAt)} ${new Date(new Date(e.metadata.recordedAt).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`
                  : '—',
            },
            {
              title: '事件流',
              key: 'stream',
              render: (_, e) => {
                const measureId = measureIdOf(e.streamName);
                return measureId ? (
                  <Link to={`/measures/${measureId}`} title="查看该措施的完整历史">
                    {e.streamName}
                  </Link>
                ) : (
                  e.streamName
                );
              },
            },
            { title: '版本', dataIndex: 'revision', width: 60 },
            { title: '事件类型', dataIndex: 'type' },
            {
              title: '操作人',
              key: 'actor',
              render: (_, e) =>
                e.metadata.actor
                  ? `${roleLabel(e.metadata.actor.role as Role)} ${e.metadata.actor.userId}`
                  : '—',
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            上一页
          </Button>
          <Button
            disabled={events.length < PAGE || !last}
            onClick={() => last && setCursors([...cursors, last])}
          >
            下一页
          </Button>
        </Space>
      </Card>
    </>
  );
}
