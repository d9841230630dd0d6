import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, apiWithHeaders, ApiError } from '../api/client';
import { actorOptionLabel, AuditFilterOptions, courtMinute } from '../lib/audit';
import { roleLabel } from '../lib/labels';
import { Role } from '../lib/types';
import {
  AccessEntry,
  AccessFilter,
  accessKindLabel,
  accessQuery,
  ACCESS_KIND_LABELS,
  describeRead,
} from '../lib/inspection';

const PAGE = 200;
const ROLES = new Set(['leader', 'department_head', 'inspector', 'admin']);

interface AccessPage {
  entries: AccessEntry[];
  scannedThrough: string | null;
  more: boolean;
}

/** 访问日志: who signed in, and who exported, downloaded or read which sensitive record — for 纪检监察. */
export default function AccessLogPage() {
  const [actor, setActor] = useState<string | undefined>();
  const [kinds, setKinds] = useState<string[]>([]);
  // The last week by default: the log grows with every sign-in.
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>([
    dayjs().subtract(6, 'day'),
    dayjs(),
  ]);
  const filter: AccessFilter = useMemo(
    () => ({ actor, kinds, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') }),
    [actor, kinds, range],
  );
  const options = useQuery({
    queryKey: ['audit', 'filters'],
    queryFn: () => api<AuditFilterOptions>('/api/v1/audit/filters'),
    staleTime: 60_000,
  });
  const log = useInfiniteQuery({
    queryKey: ['audit', 'access', filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }): Promise<AccessPage> => {
      const { body, headers } = await apiWithHeaders<AccessEntry[]>(accessQuery(filter, pageParam, PAGE), {
        signal,
      });
      return {
        entries: body,
        scannedThrough: headers.get('X-Scanned-Through'),
        more: headers.get('X-Has-More') === 'true',
      };
    },
    getNextPageParam: (last) => (last.more && last.scannedThrough ? last.scannedThrough : null),
  });
  const entries = useMemo(() => {
    const seen = new Set<string>();
    return (log.data?.pages ?? [])
      .flatMap((p) => p.entries)
      .filter((e) => !seen.has(e.position) && Boolean(seen.add(e.position)));
  }, [log.data]);
  const lastPage = log.data?.pages[log.data.pages.length - 1];
  const actorOptions = useMemo(
    () =>
      (options.data?.actors ?? [])
        .filter((a) => a.role !== 'system')
        .map((a) => ({ value: a.id, label: actorOptionLabel(a) })),
    [options.data],
  );

  return (
    <Card size="small" title="审计 · 访问日志">
      <Typography.Paragraph type="secondary">
        记录每次登录、登录失败，以及导出台账、通报、报告，下载佐证材料，查看措施历史和审计记录（含被拒绝的尝试）。日志只增不改，并与其他记录一样以哈希链防篡改。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="人员"
          placeholder="人员"
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          loading={options.isLoading}
          value={actor}
          onChange={setActor}
          options={actorOptions}
          style={{ width: 260 }}
        />
        <Select
          aria-label="访问类型"
          placeholder="访问类型（可多选）"
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={kinds}
          onChange={setKinds}
          options={Object.entries(ACCESS_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          optionFilterProp="label"
          virtual={false}
          style={{ width: 300 }}
        />
        <DatePicker.RangePicker
          aria-label="日期范围"
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={['开始日期', '结束日期']}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="access-count">
        {log.isPending
          ? '正在加载访问日志…'
          : `已加载 ${entries.length} 条记录${lastPage?.more ? '，还有更多' : '，已到末尾'}`}
      </Typography.Paragraph>
      {log.error && (
        <Alert
          type="error"
          showIcon
          title={log.error instanceof ApiError ? log.error.message : String(log.error)}
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<AccessEntry>
        size="small"
        rowKey="position"
        data-testid="access-table"
        loading={log.isPending}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: '没有符合条件的访问记录' }}
        columns={[
          { title: '时间', key: 'at', width: 150, render: (_, e) => courtMinute(e.at) },
          {
            title: '人员',
            key: 'who',
            render: (_, e) =>
              `${ROLES.has(e.who.role) ? `${roleLabel(e.who.role as Role)} ` : ''}${e.who.name ?? e.who.id}${
                e.who.departmentName ? `（${e.who.departmentName}）` : ''
              }`,
          },
          { title: '类型', key: 'kind', render: (_, e) => accessKindLabel(e.kind) },
          {
            title: '内容',
            key: 'what',
            render: (_, e) =>
              e.what?.measureId ? (
                <Link to={`/measures/${e.what.measureId}`}>{describeRead(e)}</Link>
              ) : (
                describeRead(e)
              ),
          },
          {
            title: '结果',
            key: 'outcome',
            width: 90,
            render: (_, e) =>
              e.outcome === 'granted' ? <Tag color="green">允许</Tag> : <Tag color="red">拒绝</Tag>,
          },
          { title: '地址', dataIndex: 'address', width: 130 },
        ]}
      />
      {log.hasNextPage && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => log.fetchNextPage()}
          loading={log.isFetchingNextPage}
        >
          加载更多
        </Button>
      )}
    </Card>
  );
}
