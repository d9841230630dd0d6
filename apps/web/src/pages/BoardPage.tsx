import { PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useBoard, useCampaigns } from '../api/queries';
import { FilterSelect } from '../components/FilterSelect';
import { filterMeasures, groupMeasures, optionsOf, stepOptions, totalsOf } from '../lib/board';
import { chineseDate, relativeDue } from '../lib/dates';
import { alertLevel, LIGHTS, lightLegend, statusLabel } from '../lib/labels';
import { formatPercent } from '../lib/percent';
import { BoardMeasure, BoardTotals, Grouping, Light } from '../lib/types';

type TableRow =
  | { rowType: 'group'; key: string; label: string; count: number }
  | ({ rowType: 'measure'; key: string } & BoardMeasure);

const GROUPINGS: { value: Grouping; label: string }[] = [
  { value: 'problem', label: '按问题' },
  { value: 'department', label: '按部门' },
  { value: 'leader', label: '按领导' },
];

const DUE_COLOUR = {
  overdue: '#cf1322',
  today: '#d46b08',
  soon: '#d48806',
  normal: undefined,
  done: '#389e0d',
};

export function LightTag({ light }: { light: Light }) {
  const legend = lightLegend(light);
  return (
    <Tag color={legend.tag} data-light={light}>
      {legend.label}
    </Tag>
  );
}

function Totals({ totals, filtered }: { totals: BoardTotals; filtered: boolean }) {
  const items: [string, string, string | number, string?][] = [
    ['measures', '措施总数', totals.measures],
    ['signedOff', '已销号', totals.signedOff, '#389e0d'],
    ['inProgress', '推进中', totals.inProgress, '#1677ff'],
    ['dueSoon', '临期', totals.dueSoon, '#d48806'],
    ['overdue', '逾期', totals.overdue, '#cf1322'],
    ['completionRate', '整改完成率', formatPercent(totals.completionRate)],
    ['onTimeRate', '按期完成率', formatPercent(totals.onTimeRate)],
  ];
  return (
    <Card size="small" title={filtered ? '合计（筛选结果）' : '合计'} data-testid="totals">
      <Row gutter={[16, 8]}>
        {items.map(([key, title, value, color]) => (
          <Col key={key} flex="1 0 120px">
            <Statistic title={title} value={value} valueStyle={{ color, fontSize: 22 }} data-total={key} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** 挂图作战: every measure of a campaign with its light, as of today or the end of a past day. */
export default function BoardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaignId') ?? campaigns.data?.[0]?.id;
  const asOf = params.get('asOf') ?? undefined;
  const board = useBoard(campaignId, asOf, { enabled: campaignId !== undefined });
  const grouping = (params.get('groupBy') as Grouping | null) ?? 'problem';
  const filters = {
    departmentId: params.get('departmentId') ?? undefined,
    leaderId: params.get('leaderId') ?? undefined,
    light: (params.get('light') as Light | null) ?? undefined,
    search: params.get('q') ?? undefined,
    lookBackDue: params.get('lookBackDue') === '1',
    stepId: params.get('step') ?? undefined,
  };

  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const all = useMemo(() => board.data?.groups.flatMap((g) => g.measures) ?? [], [board.data]);
  const { departmentId, leaderId, light, search, lookBackDue, stepId } = filters;
  const shown = useMemo(
    () => filterMeasures(all, { departmentId, leaderId, light, search, lookBackDue, stepId }),
    [all, departmentId, leaderId, light, search, lookBackDue, stepId],
  );
  const rows = useMemo<TableRow[]>(
    () =>
      groupMeasures(shown, grouping).flatMap((g) => [
        { rowType: 'group' as const, key: `group:${g.key}`, label: g.label, count: g.measures.length },
        ...g.measures.map((m) => ({ rowType: 'measure' as const, key: m.id, ...m })),
      ]),
    [shown, grouping],
  );
  const departments = useMemo(
    () => optionsOf(all, (m) => ({ value: m.departmentId, label: m.departmentName })),
    [all],
  );
  const leaders = useMemo(
    () => optionsOf(all, (m) => ({ value: m.responsibleLeaderId, label: m.responsibleLeaderName })),
    [all],
  );
  const steps = useMemo(() => stepOptions(all), [all]);
  const filtered = Boolean(
    filters.departmentId ||
    filters.leaderId ||
    filters.light ||
    filters.search ||
    filters.lookBackDue ||
    filters.stepId,
  );
  const lookBacksDue = all.filter((m) => m.lookBackDue).length;
  const today = board.data?.today;

  const span = (row: TableRow, first = false) => (row.rowType === 'group' ? { colSpan: first ? 11 : 0 } : {});
  const columns: ColumnsType<TableRow> = [
    {
      title: '编号',
      key: 'number',
      width: 76,
      onCell: (r) => span(r, true),
      render: (_, r) =>
        r.rowType === 'group' ? (
          <span>
            {r.label}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 400 }}>
              {r.count} 项
            </Typography.Text>
          </span>
        ) : (
          <Link to={`/measures/${r.id}`} onClick={(e) => e.stopPropagation()}>
            {r.number}
          </Link>
        ),
    },
    {
      title: '整改措施',
      key: 'content',
      ellipsis: true,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? <span title={r.content}>{r.content}</span> : null),
    },
    {
      title: '责任领导',
      key: 'leader',
      width: 88,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? (r.responsibleLeaderName ?? '—') : null),
    },
    {
      title: '责任部门',
      key: 'department',
      width: 100,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? (r.departmentName ?? '—') : null),
    },
    {
      title: '责任人',
      key: 'person',
      width: 80,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? r.responsiblePerson : null),
    },
    {
      title: '完成时限',
      key: 'due',
      width: 120,
      onCell: (r) => span(r),
      render: (_, r) => {
        if (r.rowType !== 'measure') return null;
        if (r.dueDate === null) return r.kind === 'long_term' ? '长期坚持' : '—';
        return (
          <div>
            <div>{r.dueDate}</div>
            {r.originalDueDate && r.originalDueDate !== r.dueDate && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                原定 {r.originalDueDate}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: '剩余时间',
      key: 'relative',
      width: 96,
      onCell: (r) => span(r),
      render: (_, r) => {
        if (r.rowType !== 'measure' || !today) return null;
        const due = relativeDue(r.dueDate, today, {
          signedOff: r.status === 'signed_off',
          dueSoonDays: board.data?.dueSoonDays,
        });
        return due ? <span style={{ color: DUE_COLOUR[due.tone] }}>{due.text}</span> : '—';
      },
    },
    {
      title: '状态',
      key: 'status',
      width: 76,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? statusLabel(r.status) : null),
    },
    {
      title: '灯号',
      key: 'light',
      width: 92,
      onCell: (r) => span(r),
      render: (_, r) => (r.rowType === 'measure' ? <LightTag light={r.light} /> : null),
    },
    {
      title: '督办环节',
      key: 'step',
      width: 96,
      onCell: (r) => span(r),
      render: (_, r) =>
        r.rowType === 'measure' && r.step ? (
          <Tag color={alertLevel(r.step.level).color} data-step={r.step.id}>
            {r.step.name}
          </Tag>
        ) : null,
    },
    {
      title: '标记',
      key: 'flags',
      width: 120,
      onCell: (r) => span(r),
      render: (_, r) =>
        r.rowType === 'measure' ? (
          <Space size={2} wrap>
            {r.returned && <Tag color="orange">退回</Tag>}
            {r.reopened && <Tag color="purple">回头看</Tag>}
            {r.lookBackDue && (
              <Tag color="magenta" title={r.lookBackDueOn ? `${r.lookBackDueOn} 起待回头看` : undefined}>
                回头看待查
              </Tag>
            )}
            {r.extensionsGranted > 0 && <Tag>延期{r.extensionsGranted}次</Tag>}
          </Space>
        ) : null,
    },
  ];

  if (campaigns.isSuccess && campaigns.data.length === 0) {
    return <Empty description="暂无整改专项：请党组成员先新建整改专项" />;
  }
  const error = campaigns.error ?? board.error;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          挂图作战
          {today && (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12, fontWeight: 400 }}>
              {asOf ? `截至 ${chineseDate(asOf)} 日终` : `${chineseDate(today, true)} 实时`}
            </Typography.Text>
          )}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/board/print${params.toString() ? `?${params.toString()}` : ''}`)}
          >
            打印视图
          </Button>
          <span aria-hidden>图例：</span>
          {LIGHTS.map((l) => (
            <LightTag key={l.light} light={l.light} />
          ))}
        </Space>
      </Space>

      {/* Which board (campaign, day, grouping), then which of its rows: two rows, so neither wraps at 1366px. */}
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label="整改专项"
            style={{ width: 260 }}
            loading={campaigns.isPending}
            value={campaignId}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            onChange={(v) => set('campaignId', v)}
            placeholder="选择整改专项"
          />
          <DatePicker
            aria-label="截至日期"
            data-testid="as-of"
            placeholder="今天（实时）"
            value={asOf ? dayjs(asOf) : null}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => set('asOf', d ? d.format('YYYY-MM-DD') : null)}
            allowClear
          />
          <Segmented
            options={GROUPINGS}
            value={grouping}
            onChange={(v) => set('groupBy', v === 'problem' ? null : v)}
          />
        </Space>
        <Space wrap>
          <FilterSelect
            label="责任部门"
            width={140}
            placeholder="全部部门"
            value={filters.departmentId}
            options={departments}
            onChange={(v) => set('departmentId', v)}
          />
          <FilterSelect
            label="责任领导"
            width={120}
            placeholder="全部领导"
            value={filters.leaderId}
            options={leaders}
            onChange={(v) => set('leaderId', v)}
          />
          <FilterSelect
            label="灯号"
            width={120}
            placeholder="全部灯号"
            value={filters.light}
            options={LIGHTS.map((l) => ({ value: l.light, label: l.label }))}
            onChange={(v) => set('light', v)}
          />
          {(steps.length > 0 || filters.stepId) && (
            <FilterSelect
              label="督办环节"
              testId="filter-step"
              width={140}
              placeholder="全部督办环节"
              value={filters.stepId}
              options={steps}
              onChange={(v) => set('step', v)}
            />
          )}
          <Checkbox
            aria-label="只看回头看待查"
            data-testid="filter-look-back"
            checked={filters.lookBackDue}
            onChange={(e) => set('lookBackDue', e.target.checked ? '1' : null)}
          >
            回头看待查{lookBacksDue > 0 ? `（${lookBacksDue}）` : ''}
          </Checkbox>
          <Input.Search
            aria-label="搜索"
            allowClear
            placeholder="编号、内容、责任人"
            style={{ width: 190 }}
            defaultValue={filters.search}
            onSearch={(v) => set('q', v.trim() || null)}
          />
        </Space>
      </Space>

      {asOf && (
        <Alert
          type="info"
          showIcon
          title={`正在查看 ${chineseDate(asOf)} 日终时的挂图（历史状态，不含之后的变化）`}
          action={
            <Button size="small" onClick={() => set('asOf', null)}>
              回到今天
            </Button>
          }
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          action={
            <Button size="small" onClick={() => queryClient.invalidateQueries()}>
              重试
            </Button>
          }
        />
      )}

      {board.data && <Totals totals={filtered ? totalsOf(shown) : board.data.totals} filtered={filtered} />}

      <Table<TableRow>
        className="board-table"
        data-testid="board-table"
        size="small"
        bordered
        loading={board.isFetching && !board.data}
        columns={columns}
        dataSource={rows}
        rowKey="key"
        rowClassName={(r) => (r.rowType === 'group' ? 'group-row' : '')}
        onRow={(r) => (r.rowType === 'measure' ? { onClick: () => navigate(`/measures/${r.id}`) } : {})}
        locale={{ emptyText: board.isPending ? '加载中…' : '没有符合条件的整改措施' }}
        pagination={{
          defaultPageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: () => `共 ${shown.length} 项措施`,
        }}
        scroll={{ x: 1200 }}
      />
    </Space>
  );
}
