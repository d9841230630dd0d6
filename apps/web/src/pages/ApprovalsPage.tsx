import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ACTIONS, CONFLICT_MESSAGE, MeasureActionForm } from '../components/MeasureActionForm';
import { EvidenceList } from '../components/Evidence';
import { EvidenceFile } from '../lib/evidence';
import { courtTime } from '../lib/timeline';

interface Approval {
  kind: 'extension' | 'completion';
  measure: {
    id: string;
    number: string;
    content: string;
    departmentName: string | null;
    responsibleLeaderName: string | null;
    responsiblePerson: string;
    originalDueDate: string | null;
    dueDate: string | null;
    etag: string;
    allowedActions: string[];
  };
  request: {
    requestId: string;
    currentDueDate: string | null;
    newDueDate: string;
    reason: string;
    requestedBy: { displayName: string | null };
    requestedAt: string | null;
  } | null;
  submission: {
    summary: string;
    evidence: string | null;
    submittedBy: { displayName: string | null };
    submittedAt: string | null;
    /** The files the submission cites. */
    attachments?: EvidenceFile[];
  } | null;
}

/** The two decisions each kind of item asks for, in the order a leader reads them. */
const DECISIONS: Record<Approval['kind'], string[]> = {
  extension: ['approveExtension', 'rejectExtension'],
  completion: ['signOff', 'return'],
};

function ApprovalCard({ item, onConflict }: { item: Approval; onConflict: () => void }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const m = item.measure;
  const decisions = DECISIONS[item.kind].filter((a) => m.allowedActions.includes(a));
  const when = (iso: string | null) => (iso ? courtTime(iso) : '');
  return (
    <Card
      size="small"
      data-testid="approval"
      title={
        <Space>
          <Tag color={item.kind === 'extension' ? 'processing' : 'gold'}>
            {item.kind === 'extension' ? '延期申请' : '提交完成'}
          </Tag>
          <Link to={`/measures/${m.id}`}>措施 {m.number}</Link>
          <Typography.Text ellipsis style={{ maxWidth: 640 }}>
            {m.content}
          </Typography.Text>
        </Space>
      }
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="责任部门">{m.departmentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="责任人">{m.responsiblePerson}</Descriptions.Item>
        <Descriptions.Item label="责任领导">{m.responsibleLeaderName ?? '—'}</Descriptions.Item>
        {item.request && (
          <>
            <Descriptions.Item label="申请">
              {item.request.requestedBy.displayName ?? ''} {when(item.request.requestedAt)}
            </Descriptions.Item>
            <Descriptions.Item label="完成时限" span={2}>
              {item.request.currentDueDate ?? '—'} → 申请延期至 {item.request.newDueDate}
            </Descriptions.Item>
            <Descriptions.Item label="延期理由" span={3}>
              {item.request.reason}
            </Descriptions.Item>
          </>
        )}
        {item.submission && (
          <>
            <Descriptions.Item label="提交">
              {item.submission.submittedBy.displayName ?? ''} {when(item.submission.submittedAt)}
            </Descriptions.Item>
            <Descriptions.Item label="完成时限" span={2}>
              {m.dueDate ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="完成情况" span={3}>
              {item.submission.summary}
            </Descriptions.Item>
            <Descriptions.Item label="佐证材料" span={3}>
              <div data-testid="submission-evidence">
                {item.submission.evidence ?? ((item.submission.attachments ?? []).length === 0 ? '—' : '')}
                {(item.submission.attachments ?? []).length > 0 && (
                  <EvidenceList files={item.submission.attachments ?? []} />
                )}
              </div>
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      <Space wrap style={{ marginBottom: open ? 12 : 0 }}>
        {decisions.map((a) => (
          <Button
            key={a}
            type={open === a ? 'primary' : 'default'}
            danger={ACTIONS[a].danger}
            aria-expanded={open === a}
            autoInsertSpace={false}
            onClick={() => setOpen(open === a ? null : a)}
          >
            {ACTIONS[a].label}
          </Button>
        ))}
      </Space>
      {open && (
        <MeasureActionForm
          key={open}
          measureId={m.id}
          etag={m.etag}
          action={ACTIONS[open]}
          requestId={item.request?.requestId ?? null}
          onCancel={() => setOpen(null)}
          onConflict={onConflict}
          onDone={() => {
            message.success(`措施 ${m.number}：${ACTIONS[open].label}已办理`);
            setOpen(null);
            void queryClient.invalidateQueries({ queryKey: ['me'] });
            void queryClient.invalidateQueries({ queryKey: ['measure', m.id] });
            void queryClient.invalidateQueries({ queryKey: ['board'] });
          }}
        />
      )}
    </Card>
  );
}

/** 审批: extension requests and completions waiting for this leader (the secretary: all), decided in place. */
export default function ApprovalsPage() {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const approvals = useQuery({
    queryKey: ['me', 'approvals'],
    queryFn: () => api<Approval[]>('/api/v1/me/approvals'),
  });
  if (approvals.isPending) return <Skeleton active />;
  if (approvals.isError) return <Result status="error" title={approvals.error.message} />;
  const items = approvals.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        审批
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }}>
          待审批 {items.length} 项（延期申请 {items.filter((i) => i.kind === 'extension').length}，提交完成{' '}
          {items.filter((i) => i.kind === 'completion').length}）
        </Typography.Text>
      </Typography.Title>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(false) }}
          title={CONFLICT_MESSAGE}
          data-testid="conflict"
        />
      )}
      {items.length === 0 ? (
        <Card>
          <Empty description="暂无待审批事项" />
        </Card>
      ) : (
        items.map((item) => (
          <ApprovalCard
            key={`${item.kind}-${item.measure.id}`}
            item={item}
            onConflict={() => {
              setConflict(true);
              void queryClient.invalidateQueries({ queryKey: ['me', 'approvals'] });
            }}
          />
        ))
      )}
    </Space>
  );
}
