import { BellOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Layout, List, Menu, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCourt, useInbox, useMe } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { alertLevel, alertName, roleLabel } from '../lib/labels';
import { Role } from '../lib/types';

const MENU: Record<Role, { key: string; label: string }[]> = {
  // Most used first: on a narrow screen the menu folds the last items behind "…", so decisions
  // waiting for me (审批, 授权确认) come before pages to look at.
  leader: [
    { key: '/board', label: '挂图作战' },
    { key: '/approvals', label: '审批' },
    { key: '/grants', label: '授权确认' },
    // The measures I lead, and the 回头看 reviews due on them.
    { key: '/todo', label: '我的待办' },
    { key: '/new', label: '新建' },
    { key: '/ledger', label: '销号台账' },
    { key: '/alerts', label: '消息提醒' },
    { key: '/notices', label: '督办单' },
    { key: '/bulletins', label: '督办通报' },
    { key: '/stats', label: '统计' },
    { key: '/screen', label: '大屏' },
  ],
  department_head: [
    { key: '/todo', label: '我的待办' },
    { key: '/alerts', label: '消息提醒' },
    { key: '/board', label: '挂图作战' },
    { key: '/ledger', label: '本部门台账' },
    { key: '/bulletins', label: '督办通报' },
    { key: '/notices', label: '督办单' },
    { key: '/stats', label: '统计' },
    { key: '/screen', label: '大屏' },
  ],
  inspector: [
    { key: '/audit', label: '审计' },
    { key: '/audit/access', label: '访问日志' },
    { key: '/audit/findings', label: '审计发现' },
    { key: '/audit/anchors', label: '锚点与导出' },
    { key: '/grants', label: '授权记录' },
    { key: '/board', label: '挂图作战' },
    { key: '/ledger', label: '销号台账' },
    { key: '/bulletins', label: '督办通报' },
    { key: '/notices', label: '督办单' },
    { key: '/stats', label: '统计' },
    { key: '/screen', label: '大屏' },
  ],
  admin: [
    { key: '/system', label: '系统管理' },
    { key: '/grants', label: '授权记录' },
    { key: '/board', label: '挂图作战' },
    { key: '/screen', label: '大屏' },
  ],
};

function Bell() {
  const inbox = useInbox();
  const unread = (inbox.data ?? []).filter((a) => !a.acknowledged);
  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }}>
      {unread.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无未读提醒" />
      ) : (
        <List
          size="small"
          dataSource={unread}
          renderItem={(a) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Space>
                  <Tag color={alertLevel(a.level).color}>{alertName(a)}</Tag>
                  <Link to={`/measures/${a.measureId}`}>措施 {a.measureNumber}</Link>
                </Space>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                  {a.content}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} title="消息提醒" trigger="click" placement="bottomRight">
      <Button type="text" aria-label={`消息提醒，未读 ${unread.length} 条`} data-testid="bell">
        <Badge count={unread.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}

export function AppLayout() {
  const { user, logout } = useAuth();
  const me = useMe(user);
  const court = useCourt();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return null;
  const shown = me.data ?? user;
  const items = MENU[shown.role] ?? MENU.leader;
  // The longest key that starts the path: /audit/access is 访问日志, not 审计.
  const selected = items
    .filter((i) => location.pathname.startsWith(i.key))
    .sort((a, b) => b.key.length - a.key.length)[0]?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Link to="/" className="brand" data-testid="brand">
          {court.data?.name && (
            <span className="court" data-testid="court-name">
              {court.data.name}
            </span>
          )}
          整改任务跟踪系统
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
        <div className="who">
          <Bell />
          <span data-testid="who">
            {shown.displayName}
            <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginLeft: 8 }}>
              {shown.departmentName ? `${shown.departmentName} · ` : ''}
              {roleLabel(shown.role, shown.secretary)}
            </Typography.Text>
          </span>
          {/* Icons with their names as labels and tooltips: the menu needs the width. */}
          <Tooltip title="修改密码">
            <Button
              ghost
              size="small"
              aria-label="修改密码"
              icon={<KeyOutlined />}
              onClick={() => navigate('/password')}
            />
          </Tooltip>
          <Tooltip title="退出">
            <Button ghost size="small" aria-label="退出" icon={<LogoutOutlined />} onClick={logout} />
          </Tooltip>
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
