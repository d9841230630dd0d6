import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { newIdempotencyKey } from '../lib/forms';
import { roleLabel } from '../lib/labels';
import { courtTime } from '../lib/timeline';
import { Role } from '../lib/types';

interface Person {
  id: string;
  username: string;
  displayName: string;
}

interface Position {
  role: Role;
  departmentId: string | null;
  secretary: boolean;
}

/** GET /api/v1/grants: a grant of the leader role or the secretary post. */
interface Grant extends Position {
  id: string;
  user: Person | null;
  from: Position | null;
  status: 'pending' | 'confirmed' | 'rejected' | 'unconfirmed';
  requestedBy: Person | null;
  requestedAt: string;
  decidedBy: Person | null;
  decidedAt: string | null;
}

const STATUS: Record<Grant['status'], { label: string; color: string }> = {
  pending: { label: '待确认', color: 'blue' },
  confirmed: { label: '已确认', color: 'green' },
  rejected: { label: '已驳回', color: 'default' },
  // Made while the court had no secretary in office: inspectors look at these.
  unconfirmed: { label: '未经书记确认即生效', color: 'orange' },
};

const positionLabel = (p: Position | null) => (p === null ? '新账号' : roleLabel(p.role, p.secretary));

/**
 * 授权确认: the administrator asks for the leader role or the secretary post; the secretary
 * confirms or rejects here. Leaders, inspectors and the administrator read the record.
 */
export default function GrantsPage() {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const grants = useQuery({ queryKey: ['grants'], queryFn: () => api<Grant[]>('/api/v1/grants') });
  const decides = user?.role === 'leader' && user.secretary;
  const decide = async (grant: Grant, decision: 'confirm' | 'reject') => {
    try {
      await api(`/api/v1/grants/${encodeURIComponent(grant.id)}/${decision}`, {
        method: 'POST',
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      message.success(decision === 'confirm' ? '已确认，授权即时生效' : '已驳回，该账号保持原有角色');
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : '操作失败，请稍后重试');
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['grants'] });
    }
  };
  const pending = (grants.data ?? []).filter((g) => g.status === 'pending').length;
  return (
    <Card title={decides ? '授权确认' : '授权记录'} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          系统管理员授予党组成员角色或党组书记职务，须经现任党组书记确认后生效；确认新任书记后，书记职务随之交接。
          {decides && pending > 0 && ` 当前有 ${pending} 项待您确认。`}
        </Typography.Paragraph>
        {grants.error && <Alert type="error" showIcon title={grants.error.message} />}
        <Table<Grant>
          size="small"
          rowKey="id"
          data-testid="grants-table"
          loading={grants.isLoading}
          dataSource={grants.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无授权申请' }}
          columns={[
            {
              title: '账号',
              key: 'user',
              render: (_, g) => (g.user ? `${g.user.displayName}（${g.user.username}）` : '—'),
            },
            { title: '原角色', key: 'from', render: (_, g) => positionLabel(g.from) },
            { title: '申请授予', key: 'to', render: (_, g) => <Tag>{positionLabel(g)}</Tag> },
            {
              title: '申请人',
              key: 'requestedBy',
              render: (_, g) => `${g.requestedBy?.displayName ?? '—'} · ${courtTime(g.requestedAt)}`,
            },
            {
              title: '状态',
              key: 'status',
              render: (_, g) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={STATUS[g.status].color}>{STATUS[g.status].label}</Tag>
                  {g.decidedBy && g.decidedAt && (
                    <Typography.Text type="secondary">
                      {g.decidedBy.displayName} · {courtTime(g.decidedAt)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            ...(decides
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, g: Grant) =>
                      g.status === 'pending' && (
                        <Space size="small">
                          <Popconfirm
                            title={`确认授予 ${g.user?.displayName ?? ''} ${positionLabel(g)}？`}
                            description={g.secretary ? '确认后您的党组书记职务随即交接给该同志。' : undefined}
                            onConfirm={() => decide(g, 'confirm')}
                          >
                            <Button size="small" type="primary">
                              确认
                            </Button>
                          </Popconfirm>
                          <Popconfirm title="驳回该授权申请？" onConfirm={() => decide(g, 'reject')}>
                            <Button size="small">驳回</Button>
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
    </Card>
  );
}
