import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, apiWithHeaders, ApiError } from '../api/client';
import {
  actorLabel,
  actorOptionLabel,
  AuditEvent,
  AuditFilter,
  AuditFilterOptions,
  auditQuery,
  courtMinute,
  measureIdOf,
  mergePages,
  nextAfter,
  toAuditPage,
  typeLabel,
} from '../lib/audit';
import { integritySummary, IntegrityReport } from '../lib/integrity';

const PAGE = 200;

function IntegrityCheck() {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api<IntegrityReport>('/api/v1/audit/integrity'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  const summary = result && integritySummary(result);
  return (
    <Card size="small" title="完整性校验" style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Button type="primary" onClick={run} loading={running}>
            运行完整性校验
          </Button>
          <Typography.Text type="secondary">
            重新计算每条事件流的哈希链，核对每个审计锚点的签名和锚定的流头，并重新校验佐证材料。
          </Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {summary && (
          <Alert
            type={summary.ok ? 'success' : 'error'}
            showIcon
            data-testid="integrity-result"
            title={summary.title}
            description={
              summary.problems.length > 0 ? (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {summary.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {summary?.note && <Alert type="warning" showIcon data-testid="integrity-note" title={summary.note} />}
      </Space>
    </Card>
  );
}

/** 审计: the full event feed for 纪检监察, filtered and paged by the server, and the hash-chain check. */
export default function AuditPage() {
  // 审计发现 links here with the stream (or the account) to read.
  const [params] = useSearchParams();
  const [stream, setStream] = useState(params.get('streamName') ?? '');
  const [streamInput, setStreamInput] = useState(params.get('streamName') ?? '');
  const [types, setTypes] = useState<string[]>([]);
  const [actorId, setActorId] = useState<string | undefined>(params.get('actorId') ?? undefined);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filter: AuditFilter = useMemo(
    () => ({
      stream: stream || undefined,
      types,
      actorId,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [stream, types, actorId, range],
  );
  const options = useQuery({
    queryKey: ['audit', 'filters'],
    queryFn: () => api<AuditFilterOptions>('/api/v1/audit/filters'),
    staleTime: 60_000,
  });
  const feed = useInfiniteQuery({
    queryKey: ['audit', 'events', filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const { body, headers } = await apiWithHeaders<AuditEvent[]>(auditQuery(filter, pageParam, PAGE), {
        signal,
      });
      return toAuditPage(body, headers, PAGE);
    },
    getNextPageParam: (last) => nextAfter(last) ?? null,
  });
  const events = useMemo(() => mergePages(feed.data?.pages ?? []), [feed.data]);
  const lastPage = feed.data?.pages[feed.data.pages.length - 1];
  const typeOptions = useMemo(
    () => (options.data?.types ?? []).map((t) => ({ value: t, label: typeLabel(t, options.data?.labels) })),
    [options.data],
  );
  const actorOptions = useMemo(
    () => (options.data?.actors ?? []).map((a) => ({ value: a.id, label: actorOptionLabel(a) })),
    [options.data],
  );
  const filtered = Boolean(filter.stream || types.length || actorId || filter.from || filter.to);

  return (
    <>
      <IntegrityCheck />
      <Card size="small" title="审计 · 事件记录">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            aria-label="事件流"
            placeholder="事件流（如 measure-*，* 表示前缀）"
            allowClear
            value={streamInput}
            onChange={(e) => {
              setStreamInput(e.target.value);
              if (e.target.value === '') setStream('');
            }}
            onSearch={(value) => setStream(value.trim())}
            style={{ width: 300 }}
          />
          <Select
            aria-label="事件类型"
            placeholder="事件类型（可多选）"
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            value={types}
            onChange={setTypes}
            options={typeOptions}
            optionFilterProp="label"
            // Some thirty types: every option stays in the page, for screen readers and for finding one by eye.
            virtual={false}
            style={{ width: 280 }}
          />
          <Select
            aria-label="操作人"
            placeholder="操作人"
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            loading={options.isLoading}
            value={actorId}
            onChange={setActorId}
            options={actorOptions}
            style={{ width: 260 }}
          />
          <DatePicker.RangePicker
            aria-label="时间范围"
            value={range}
            onChange={(v) => setRange(v)}
            placeholder={['开始日期', '结束日期']}
          />
        </Space>
        {options.error && (
          <Alert type="warning" showIcon title={`筛选选项加载失败：${options.error.message}`} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="audit-count">
          {feed.isPending
            ? '正在加载事件记录…'
            : `已加载 ${events.length} 个${filtered ? '符合条件的' : ''}事件${
                lastPage?.more ? `，已查找至位置 ${lastPage.scannedThrough ?? '—'}` : '，已到事件记录末尾'
              }`}
        </Typography.Paragraph>
        {feed.error && (
          <Alert
            type="error"
            showIcon
            title={feed.error instanceof ApiError ? feed.error.message : String(feed.error)}
            action={
              <Button size="small" onClick={() => feed.refetch()}>
                重试
              </Button>
            }
            style={{ marginBottom: 8 }}
          />
        )}
        <Table<AuditEvent>
          size="small"
          rowKey="position"
          data-testid="audit-table"
          loading={feed.isPending || (feed.isRefetching && !feed.isFetchingNextPage)}
          dataSource={events}
          pagination={false}
          locale={{
            emptyText: lastPage?.more
              ? '已查找的范围内没有符合条件的事件，可点击“继续查找”'
              : '没有符合条件的事件',
          }}
          columns={[
            { title: '位置', dataIndex: 'position', width: 70 },
            {
              title: '时间',
              key: 'time',
              width: 150,
              render: (_, e) => (e.metadata.recordedAt ? courtMinute(e.metadata.recordedAt) : '—'),
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
            { title: '事件类型', key: 'type', render: (_, e) => typeLabel(e.type, options.data?.labels) },
            {
              title: '操作人',
              key: 'actor',
              render: (_, e) => <span title={e.actor?.id}>{actorLabel(e.actor)}</span>,
            },
          ]}
        />
        {feed.hasNextPage && (
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
              {lastPage && lastPage.events.length === 0 ? '继续查找' : '加载更多'}
            </Button>
          </Space>
        )}
      </Card>
    </>
  );
}
