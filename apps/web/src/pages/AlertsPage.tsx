import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useInbox } from '../api/queries';
import { CourtLadderLink } from '../components/CourtLadder';
import { alertLevel, alertName } from '../lib/labels';
import { recipientsText } from '../lib/ladder';
import { newIdempotencyKey } from '../lib/measure-light';
import { courtTime } from '../lib/timeline';
import { InboxAlert } from '../lib/types';

/** 消息提醒: the open alerts addressed to me; 已阅 records that I have seen one. */
export default function AlertsPage() {
  const inbox = useInbox();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  // One key per page visit and alert: a double click on 已阅 records once.
  const [visit] = useState(newIdempotencyKey);
  const acknowledge = useMutation({
    mutationFn: (a: InboxAlert) =>
      api(
        `/api/v1/measures/${encodeURIComponent(a.measureId)}/alerts/${encodeURIComponent(a.alertId)}/acknowledge`,
        {
          method: 'POST',
          headers: { 'Idempotency-Key': `${visit}-${a.alertId}` },
        },
      ),
    onSuccess: () => {
      message.success('已标记为已阅');
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
    },
    onError: (error) => message.error(error.message),
  });
  if (inbox.isError) return <Result status="error" title={inbox.error.message} />;
  const alerts = inbox.data ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        消息提醒
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }}>
          未读 {alerts.filter((a) => !a.acknowledged).length} 条
        </Typography.Text>
      </Typography.Title>
      <Typography.Text type="secondary">
        提醒按本院督办阶梯逐级发出：
        <CourtLadderLink label="查看本院督办阶梯" />
      </Typography.Text>
      <Card size="small">
        <Table<InboxAlert>
          rowKey={(a) => `${a.measureId}-${a.alertId}`}
          size="middle"
          loading={inbox.isPending}
          dataSource={alerts}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无提醒' }}
          columns={[
            {
              title: '督办环节',
              key: 'level',
              width: 120,
              render: (_, a) => (
                <Tag
                  color={alertLevel(a.level).color}
                  title={a.recipients?.length ? `送达${recipientsText(a.recipients)}` : undefined}
                >
                  {alertName(a)}
                </Tag>
              ),
            },
            {
              title: '整改措施',
              key: 'measure',
              render: (_, a) => (
                <Link to={`/measures/${a.measureId}`}>
                  措施 {a.measureNumber} {a.content}
                </Link>
              ),
            },
            { title: '到期日', dataIndex: 'dueDate', width: 120, render: (d: string | null) => d ?? '—' },
            { title: '提醒时间', key: 'raisedAt', width: 160, render: (_, a) => courtTime(a.raisedAt) },
            {
              title: '状态',
              key: 'ack',
              width: 110,
              render: (_, a) =>
                a.acknowledged ? (
                  <Typography.Text type="secondary">已阅</Typography.Text>
                ) : (
                  <Button
                    size="small"
                    autoInsertSpace={false}
                    loading={acknowledge.isPending && acknowledge.variables?.alertId === a.alertId}
                    onClick={() => acknowledge.mutate(a)}
                    aria-label={`标记措施 ${a.measureNumber} 的提醒为已阅`}
                  >
                    已阅
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
