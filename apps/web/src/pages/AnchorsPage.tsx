import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { downloadFile } from '../api/download';
import { useCampaigns } from '../api/queries';
import { courtMinute } from '../lib/audit';

interface Anchor {
  anchorId: string;
  sequence: number;
  anchoredAt: string;
  trigger: 'schedule' | 'demand';
  events: number;
  streams: number;
  changedStreams: number;
  merkleRoot: string;
  keyId: string;
  signatureValid: boolean;
  fingerprint: string;
}

interface PublicKey {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
}

function AnchorList() {
  const client = useQueryClient();
  const anchors = useQuery({
    queryKey: ['audit', 'anchors'],
    queryFn: () => api<Anchor[]>('/api/v1/audit/anchors'),
  });
  const record = useMutation({
    mutationFn: () =>
      api<Anchor>('/api/v1/audit/anchors', {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['audit', 'anchors'] }),
  });
  return (
    <Card
      size="small"
      title="审计锚点"
      style={{ marginBottom: 16 }}
      extra={
        <Button
          type="primary"
          loading={record.isPending}
          onClick={() => record.mutate()}
          data-testid="record-anchor"
        >
          立即生成锚点
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        每天 00:05
        自动生成一次：记下当时全部事件流的流头，用本院审计密钥签名。此后删除或改写已锚定的事件，完整性校验都会指出。导出的台账、通报和报告页脚的“校验码”即对应下表中的锚点。
      </Typography.Paragraph>
      {record.error && (
        <Alert
          type="error"
          showIcon
          title={(record.error as ApiError).message}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Anchor>
        size="small"
        rowKey="anchorId"
        data-testid="anchor-table"
        loading={anchors.isLoading}
        dataSource={anchors.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '编号', dataIndex: 'sequence', width: 80, render: (n: number) => `第${n}号` },
          { title: '时间', dataIndex: 'anchoredAt', width: 150, render: courtMinute },
          {
            title: '方式',
            dataIndex: 'trigger',
            width: 80,
            render: (t: Anchor['trigger']) => (t === 'schedule' ? '定时' : '手动'),
          },
          { title: '事件数', dataIndex: 'events', width: 90 },
          { title: '事件流', dataIndex: 'streams', width: 80 },
          { title: '本次变化', dataIndex: 'changedStreams', width: 90 },
          {
            title: '校验码',
            dataIndex: 'fingerprint',
            render: (f: string) => (
              <Typography.Text code copyable>
                {f}
              </Typography.Text>
            ),
          },
          {
            title: '签名',
            dataIndex: 'signatureValid',
            width: 80,
            render: (valid: boolean) => (valid ? <Tag color="green">有效</Tag> : <Tag color="red">无效</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function AuditExport() {
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    const params = new URLSearchParams();
    if (campaignId) params.set('campaignId', campaignId);
    if (range?.[0]) params.set('from', range[0].format('YYYY-MM-DD'));
    if (range?.[1]) params.set('to', range[1].format('YYYY-MM-DD'));
    setBusy(true);
    setError(null);
    try {
      await downloadFile(`/api/v1/audit/export${params.size > 0 ? `?${params}` : ''}`, '审计导出.zip');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="审计导出" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          aria-label="导出范围"
          allowClear
          placeholder="全院（不含账号目录）"
          style={{ width: 280 }}
          value={campaignId}
          onChange={setCampaignId}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={['起始日期', '截止日期']}
        />
        <Button type="primary" onClick={download} loading={busy} data-testid="download-audit-export">
          下载导出包
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        导出包含全部事件（含哈希链）、审计锚点及其证明、佐证材料的哈希、审计公钥、中文历史表和说明。无需服务器即可核验：
        <Typography.Text code>npm run audit:verify -- 导出包.zip</Typography.Text>
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}

function AuditPublicKey() {
  const key = useQuery({
    queryKey: ['audit', 'public-key'],
    queryFn: () => api<PublicKey>('/api/v1/audit/public-key'),
  });
  if (!key.data) return null;
  return (
    <Card size="small" title="审计公钥">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'id',
            label: '密钥编号',
            children: <Typography.Text code>{key.data.keyId}</Typography.Text>,
          },
          { key: 'alg', label: '算法', children: key.data.algorithm },
        ]}
      />
      <Typography.Paragraph copyable={{ text: key.data.publicKeyPem }} style={{ marginTop: 8 }}>
        <pre style={{ margin: 0 }}>{key.data.publicKeyPem}</pre>
      </Typography.Paragraph>
    </Card>
  );
}

/** 审计锚点: the signed anchors, taking one now, the audit export, and the key that verifies both. */
export default function AnchorsPage() {
  return (
    <>
      <AnchorList />
      <AuditExport />
      <AuditPublicKey />
    </>
  );
}
