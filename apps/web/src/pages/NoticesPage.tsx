import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { downloadFile } from '../api/download';
import { useAuth } from '../auth/AuthContext';
import { CourtLadder } from '../components/CourtLadder';
import { newIdempotencyKey } from '../lib/measure-light';

/** GET /api/v1/notices: a 督办单 with its receipt (签收) and reply (回复). */
export interface Notice {
  id: string;
  numberText: string;
  title: string;
  level: string;
  issuedOn: string;
  daysOverdue: number;
  replyBy: string;
  measure: {
    measureId: string;
    number: string;
    content: string;
    departmentId: string;
    departmentName: string | null;
    dueDate: string;
  };
  receipt: { receivedOn: string; receivedByName: string | null } | null;
  reply: { content: string; repliedOn: string; repliedByName: string | null; attachmentIds: string[] } | null;
}

function stateTag(n: Notice) {
  if (n.reply) return <Tag color="green">已回复</Tag>;
  if (n.receipt) return <Tag color="blue">已签收</Tag>;
  return <Tag color="red">未签收</Tag>;
}

/** 督办单: numbered notices issued by the supervision ladder; the responsible department signs for and answers them. */
export default function NoticesPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [replying, setReplying] = useState<Notice | null>(null);
  const [replyKey, setReplyKey] = useState(newIdempotencyKey);
  const [form] = Form.useForm<{ content: string }>();
  const notices = useQuery({ queryKey: ['notices'], queryFn: () => api<Notice[]>('/api/v1/notices') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notices'] });

  const receive = useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/notices/${encodeURIComponent(id)}/receipt`, {
        method: 'POST',
        headers: { 'Idempotency-Key': `receipt-${id}` },
      }),
    onSuccess: () => {
      message.success('已签收');
      void refresh();
    },
    onError: (error) => message.error(error.message),
  });
  const reply = useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      api(`/api/v1/notices/${encodeURIComponent(id)}/reply`, {
        method: 'POST',
        headers: { 'Idempotency-Key': replyKey },
        body: { content },
      }),
    onSuccess: () => {
      message.success('已回复');
      setReplying(null);
      setReplyKey(newIdempotencyKey());
      form.resetFields();
      void refresh();
    },
    onError: (error) => message.error(error.message),
  });

  if (notices.isError) return <Result status="error" title={notices.error.message} />;
  const isHeadOf = (n: Notice) =>
    user?.role === 'department_head' && user.departmentId === n.measure.departmentId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        督办单
      </Typography.Title>
      <Card size="small">
        <Table<Notice>
          rowKey="id"
          size="middle"
          loading={notices.isPending}
          dataSource={notices.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无督办单' }}
          expandable={{
            rowExpandable: (n) => n.reply !== null,
            expandedRowRender: (n) =>
              n.reply && (
                <Typography.Paragraph style={{ margin: 0 }}>
                  {n.reply.repliedByName ?? '责任部门'}于 {n.reply.repliedOn} 回复：{n.reply.content}
                  {n.reply.attachmentIds.length > 0
                    ? `（附佐证材料 ${n.reply.attachmentIds.length} 份）`
                    : ''}
                </Typography.Paragraph>
              ),
          }}
          columns={[
            { title: '编号', dataIndex: 'numberText', width: 140 },
            { title: '类别', dataIndex: 'title', width: 170 },
            {
              title: '整改措施',
              render: (_, n) => (
                <Typography.Link onClick={() => navigate(`/measures/${n.measure.measureId}`)}>
                  {n.measure.number} {n.measure.content}
                </Typography.Link>
              ),
            },
            { title: '责任部门', render: (_, n) => n.measure.departmentName ?? '—', width: 110 },
            { title: '签发日期', dataIndex: 'issuedOn', width: 110 },
            { title: '逾期天数', dataIndex: 'daysOverdue', width: 90 },
            { title: '限期回复', dataIndex: 'replyBy', width: 110 },
            {
              title: '状态',
              width: 170,
              render: (_, n) => (
                <Space size={4} wrap>
                  {stateTag(n)}
                  {n.receipt && (
                    <Typography.Text type="secondary">
                      {n.receipt.receivedByName ?? ''} {n.receipt.receivedOn} 签收
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: '操作',
              width: 200,
              render: (_, n) => (
                <Space size={4} wrap>
                  <Button
                    size="small"
                    onClick={() =>
                      downloadFile(
                        `/api/v1/notices/${encodeURIComponent(n.id)}.docx`,
                        `督办单${n.id}.docx`,
                      ).catch((error: Error) => message.error(error.message))
                    }
                  >
                    下载
                  </Button>
                  {isHeadOf(n) && !n.receipt && (
                    <Button
                      size="small"
                      type="primary"
                      // Only the row being received spins: the others stay as they are.
                      loading={receive.isPending && receive.variables === n.id}
                      onClick={() => receive.mutate(n.id)}
                    >
                      签收
                    </Button>
                  )}
                  {isHeadOf(n) && n.receipt && !n.reply && (
                    <Button size="small" type="primary" onClick={() => setReplying(n)}>
                      回复
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="本院督办阶梯" data-testid="court-ladder-card">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          整改措施临近或超过完成时限时，系统按下列环节逐级提醒、督办，每个环节只触发一次；制发的督办单列于上表。
        </Typography.Paragraph>
        <CourtLadder />
      </Card>
      <Modal
        open={replying !== null}
        title={replying ? `回复 ${replying.numberText}` : ''}
        okText="提交回复"
        cancelText="取消"
        confirmLoading={reply.isPending}
        onCancel={() => setReplying(null)}
        onOk={() =>
          form
            .validateFields()
            .then(({ content }) => replying && reply.mutate({ id: replying.id, content }))
            .catch(() => undefined)
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="content"
            label="回复内容（整改进展、逾期原因及下一步措施）"
            rules={[{ required: true, whitespace: true, message: '请填写回复内容' }]}
          >
            <Input.TextArea rows={5} maxLength={2000} />
          </Form.Item>
          <Typography.Text type="secondary">佐证材料请先在整改措施页面上传。</Typography.Text>
        </Form>
      </Modal>
    </Space>
  );
}
