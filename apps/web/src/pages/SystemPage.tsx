import { Alert, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { Accounts } from './system/Accounts';
import { Departments } from './system/Departments';

/** 系统管理: the administrator's departments and accounts — never business data. */
export default function SystemPage() {
  const { user } = useAuth();
  const [tab, setTab] = useState('accounts');
  if (user?.role !== 'admin')
    return <Alert type="warning" showIcon title="系统管理仅限系统管理员使用" style={{ margin: 24 }} />;
  return (
    <Card
      title="系统管理"
      size="small"
      extra={
        // bull-board opens with this browser's session cookie: no token in the address.
        <a href="/admin/queues" target="_blank" rel="noreferrer">
          任务队列（提醒与通报的定时任务）
        </a>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'accounts', label: '账号', children: <Accounts /> },
            { key: 'departments', label: '部门', children: <Departments /> },
          ]}
        />
      </Space>
    </Card>
  );
}
