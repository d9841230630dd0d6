import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { Created, useCommand } from '../../api/command';
import { useAuth } from '../../auth/AuthContext';
import { ACCOUNT_ROLES, accountBody, AccountFormValues, newIdempotencyKey } from '../../lib/forms';
import { roleLabel } from '../../lib/labels';
import { ChangeAccount } from './ChangeAccount';
import { Account, useDepartments } from './directory';

export function Accounts() {
  const [form] = Form.useForm<AccountFormValues>();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const accounts = useQuery({ queryKey: ['users'], queryFn: () => api<Account[]>('/api/v1/users') });
  const role = Form.useWatch('role', form);
  const command = useCommand(form, [
    'username',
    'password',
    'displayName',
    'role',
    'departmentId',
    'secretary',
  ]);
  const [created, setCreated] = useState<string | null>(null);
  const departmentName = (id: string | null) => departments.data?.find((d) => d.id === id)?.name ?? '—';
  const submit = async (v: AccountFormValues) => {
    const result = await command.send<{ id: string }>('/api/v1/users', accountBody(v));
    if (!result) return;
    setCreated(`${v.displayName?.trim() ?? ''}（${v.username?.trim() ?? ''}）`);
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  return (
    <>
      {created && (
        <Created onAgain={() => setCreated(null)}>已创建账号 {created}，可用该用户名和密码登录。</Created>
      )}
      {command.banner}
      <Form
        form={form}
        name="account"
        labelCol={{ flex: '110px' }}
        wrapperCol={{ flex: '1' }}
        style={{ maxWidth: 640 }}
        onFinish={submit}
      >
        <Form.Item label="用户名" name="username" required extra="小写英文字母、数字及 . _ -，如 zhangsan">
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" required>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label="初始密码"
          name="password"
          required
          extra="至少10个字符，不含用户名，不能是常见密码或键盘序列"
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" name="role" required>
          <Select options={ACCOUNT_ROLES} placeholder="请选择角色" />
        </Form.Item>
        {role === 'department_head' && (
          <Form.Item label="所在部门" name="departmentId" required>
            {/* Not virtual: a court has tens of departments, and each option stays in the page for
                screen readers and for scrolling to the newest one. */}
            <Select
              virtual={false}
              placeholder="请选择部门"
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        {role === 'leader' && (
          <Form.Item label="党组书记" name="secretary" valuePropName="checked">
            <Checkbox>该账号为党组书记</Checkbox>
          </Form.Item>
        )}
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={command.pending}>
            新建账号
          </Button>
        </Form.Item>
      </Form>
      {accounts.error && <Alert type="error" showIcon title={accounts.error.message} />}
      <Table<Account>
        size="small"
        rowKey="id"
        data-testid="accounts-table"
        loading={accounts.isLoading}
        // Newest first: the account just created is on the first page, where the administrator looks.
        dataSource={[...(accounts.data ?? [])].reverse()}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '暂无账号' }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            key: 'role',
            render: (_, a) => <Tag>{roleLabel(a.role, a.secretary)}</Tag>,
          },
          { title: '所在部门', key: 'department', render: (_, a) => departmentName(a.departmentId) },
          {
            title: '状态',
            key: 'status',
            render: (_, a) =>
              a.disabled ? (
                <Tag color="default">已停用</Tag>
              ) : a.pendingGrant ? (
                <Tag color="blue">待书记确认：{roleLabel(a.pendingGrant.role, a.pendingGrant.secretary)}</Tag>
              ) : a.awaitingGrant ? (
                <Tag color="red">授权未获确认</Tag>
              ) : a.mustChangePassword ? (
                <Tag color="gold">待改临时密码</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          { title: '操作', key: 'actions', render: (_, a) => <AccountActions account={a} /> },
        ]}
      />
    </>
  );
}

/** 停用 / 启用 and 重置密码 on one account row; the temporary password is shown once, in a dialog. */
function AccountActions({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const [temporary, setTemporary] = useState<string | null>(null);
  const post = async <T,>(action: string): Promise<T | null> => {
    try {
      return await api<T>(`/api/v1/users/${encodeURIComponent(account.id)}/${action}`, {
        method: 'POST',
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : '操作失败，请稍后重试');
      return null;
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    }
  };
  const self = user?.id === account.id;
  return (
    <Space size="small">
      <ChangeAccount account={account} />
      {account.disabled ? (
        <Popconfirm title={`启用 ${account.displayName} 的账号？`} onConfirm={() => post('enable')}>
          <Button size="small">启用</Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={`停用 ${account.displayName} 的账号？`}
          description="停用后不能登录，已登录的会话立即失效；记录不会删除。"
          onConfirm={() => post('disable')}
          disabled={self}
        >
          <Button size="small" danger disabled={self}>
            停用
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={`重置 ${account.displayName} 的密码？`}
        description="将生成一次性临时密码，该账号所有会话立即失效。"
        disabled={account.disabled}
        onConfirm={async () => {
          const result = await post<{ temporaryPassword: string }>('reset-password');
          if (result) setTemporary(result.temporaryPassword);
        }}
      >
        <Button size="small" disabled={account.disabled}>
          重置密码
        </Button>
      </Popconfirm>
      <Modal
        open={temporary !== null}
        title={`${account.displayName}（${account.username}）的临时密码`}
        onOk={() => setTemporary(null)}
        onCancel={() => setTemporary(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="已告知本人"
      >
        <Typography.Paragraph>
          <Typography.Text code copyable data-testid="temporary-password" style={{ fontSize: 18 }}>
            {temporary}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          临时密码只显示这一次。请当面或电话告知本人；本人登录后须立即改为自己的密码。
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}

/** 系统管理: the administrator's departments and accounts — never business data. */
