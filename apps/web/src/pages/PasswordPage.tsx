import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useCommand } from '../api/command';
import { useAuth } from '../auth/AuthContext';
import { homePath } from '../lib/navigation';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirm?: string;
}

/** 修改密码: one's own, with the current one; forced after an administrator's reset. */
export default function PasswordPage() {
  const { user, passwordChanged } = useAuth();
  const [form] = Form.useForm<Values>();
  const command = useCommand(form, ['currentPassword', 'newPassword']);
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  if (!user) return null;
  const forced = user.mustChangePassword === true;

  const submit = async (v: Values) => {
    const result = await command.send<{ accessToken: string }>('/api/v1/me/password', {
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
    });
    if (!result) return;
    passwordChanged(result.accessToken);
    message.success('密码已修改，其他设备上的登录已失效');
    navigate(homePath(user.role), { replace: true });
  };

  return (
    <Card title="修改密码" size="small" style={{ maxWidth: 560 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="您正在使用系统管理员重置的临时密码"
          description="请先设置您自己的新密码，然后才能使用系统。"
          style={{ marginBottom: 16 }}
        />
      )}
      {command.banner}
      <Form form={form} name="password" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={forced ? '临时密码' : '当前密码'}
          name="currentPassword"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少10个字符，不含用户名，不能是常见密码或键盘序列"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.pending}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
