import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, DatePicker, Result, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { api, ApiError } from '../api/client';
import { downloadFile } from '../api/download';
import { FilterSelect } from '../components/FilterSelect';
import { useCampaigns } from '../api/queries';
import { LedgerFilters, ledgerPath, problemSpans } from '../lib/reports';

/** One 销号台账 row as GET /api/v1/ledger answers it (libs/read-models/src/queries/ledger.query.ts). */
interface LedgerRow {
  serial: number;
  campaignId: string;
  problemId: string;
  measureId: string;
  problem: string;
  measure: string;
  target: string;
  responsibleLeader: string;
  department: string;
  responsiblePerson: string;
  deadline: string;
  progress: string;
  completion: string;
  signedOffOn: string;
  signedOffBy: string;
  onTime: string;
}

interface Ledger {
  title: string;
  rows: LedgerRow[];
}

const FILTER_KEYS = ['campaignId', 'departmentId', 'leaderId', 'signedOffFrom', 'signedOffTo'] as const;

/** 销号台账: the record shown to the level above, filtered, and exported as the same workbook. */
export default function LedgerPage() {
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const filters: LedgerFilters = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]),
  );
  const { user } = useAuth();
  const ownDepartmentOnly = user?.role === 'department_head';
  const campaigns = useCampaigns();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ id: string; name: string }[]>('/api/v1/departments'),
  });
  const leaders = useQuery({
    queryKey: ['leaders'],
    queryFn: () => api<{ id: string; displayName: string }[]>('/api/v1/leaders'),
  });
  const path = ledgerPath(filters);
  const ledger = useQuery({
    queryKey: ['ledger', path],
    queryFn: () => api<Ledger>(path),
    placeholderData: (previous) => previous,
  });
  const [exporting, setExporting] = useState(false);

  const set = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => ledger.data?.rows ?? [], [ledger.data]);
  const spans = useMemo(() => problemSpans(rows), [rows]);
  const spanOf = (_: LedgerRow, index?: number) => ({ rowSpan: spans[index ?? 0] });
  const problems = new Set(rows.map((r) => r.problemId)).size;
  const signedOff = rows.filter((r) => r.signedOffOn).length;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await downloadFile(ledgerPath(filters, 'xlsx'), '整改销号台账.xlsx');
      message.success(`已导出 ${name}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  if (ledger.error instanceof ApiError && ledger.error.status === 403) {
    return (
      <Result
        status="403"
        title="无权查看销号台账"
        subTitle="销号台账仅供党组成员、纪检监察人员和本部门负责人（本部门部分）查看。"
      />
    );
  }

  return (
    <Card
      size="small"
      title={ledger.data?.title ?? '整改销号台账'}
      extra={
        <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
          导出Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          label="整改专项"
          width={260}
          placeholder="全部专项"
          loading={campaigns.isPending}
          value={filters.campaignId}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
          onChange={(v) => set({ campaignId: v })}
        />
        {/* A department head's ledger is their own department's: the API keeps it so. */}
        {!ownDepartmentOnly && (
          <FilterSelect
            label="责任部门"
            width={160}
            placeholder="全部部门"
            loading={departments.isPending}
            value={filters.departmentId}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(v) => set({ departmentId: v })}
          />
        )}
        <FilterSelect
          label="责任领导"
          width={140}
          placeholder="全部领导"
          loading={leaders.isPending}
          value={filters.leaderId}
          options={(leaders.data ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
          onChange={(v) => set({ leaderId: v })}
        />
        <DatePicker.RangePicker
          aria-label="销号日期"
          placeholder={['销号起始日期', '销号截止日期']}
          value={[
            filters.signedOffFrom ? dayjs(filters.signedOffFrom) : null,
            filters.signedOffTo ? dayjs(filters.signedOffTo) : null,
          ]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            set({
              signedOffFrom: range?.[0]?.format('YYYY-MM-DD'),
              signedOffTo: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
      </Space>
      {ledger.error ? (
        <Alert type="error" showIcon title={`销号台账加载失败：${ledger.error.message}`} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="ledger-count">
            {ledger.data
              ? `共 ${problems} 个问题、${rows.length} 条措施，其中已销号 ${signedOff} 条`
              : '加载中…'}
          </Typography.Paragraph>
          <Table<LedgerRow>
            size="small"
            bordered
            rowKey="measureId"
            data-testid="ledger-table"
            loading={ledger.isFetching}
            dataSource={rows}
            pagination={false}
            // Sized to fit an office PC's 1366 px without scrolling; narrower screens scroll.
            scroll={{ x: 1260 }}
            locale={{ emptyText: '没有符合条件的台账记录' }}
            columns={[
              { title: '序号', dataIndex: 'serial', width: 48, align: 'center', onCell: spanOf },
              { title: '问题', dataIndex: 'problem', width: 150, onCell: spanOf },
              {
                title: '整改措施',
                dataIndex: 'measure',
                width: 210,
                render: (text: string, r) => <Link to={`/measures/${r.measureId}`}>{text}</Link>,
              },
              { title: '整改目标', dataIndex: 'target', width: 134 },
              { title: '责任领导', dataIndex: 'responsibleLeader', width: 76 },
              { title: '责任部门', dataIndex: 'department', width: 80 },
              { title: '责任人', dataIndex: 'responsiblePerson', width: 66 },
              { title: '完成时限', dataIndex: 'deadline', width: 100 },
              { title: '整改进展', dataIndex: 'progress', width: 150 },
              { title: '完成情况', dataIndex: 'completion', width: 96 },
              {
                title: '销号',
                key: 'signedOff',
                width: 100,
                render: (_, r) =>
                  r.signedOffOn ? (
                    <>
                      <div>{r.signedOffOn}</div>
                      <Typography.Text type="secondary">{r.signedOffBy}</Typography.Text>
                    </>
                  ) : null,
              },
              { title: '按期', dataIndex: 'onTime', width: 56, align: 'center' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
