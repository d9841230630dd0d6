import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { homePath, safeNext } from '../lib/navigation';

export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;

  if (user) return <Navigate to={next ?? homePath(user.role)} replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      navigate(next ?? homePath(signedIn.role), { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? { message: e.message, locked: e.status === 429 }
          : { message: '登录失败，请稍后重试', locked: false },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.15)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          整改任务跟踪系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          问题清单 · 整改措施 · 挂图作战 · 销号管理
        </Typography.Paragraph>
        {expired && !error && (
          <Alert type="warning" showIcon title="登录已失效，请重新登录" style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type={error.locked ? 'warning' : 'error'}
            showIcon
            title={error.locked ? '登录已暂停' : error.message}
            description={error.locked ? `${error.message}。如忘记密码，请联系系统管理员。` : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
