import { Result, Spin } from 'antd';
import { lazy, ReactNode, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { AppLayout } from './layout/AppLayout';
import { homePath, loginPath } from './lib/navigation';
import { LoginPage } from './pages/LoginPage';

// Each page is its own chunk: the login page loads no table, the charts load only on the big screen.
const BoardPage = lazy(() => import('./pages/BoardPage'));
const MeasurePage = lazy(() => import('./pages/MeasurePage'));
const ScreenPage = lazy(() => import('./pages/ScreenPage'));
const BoardPrintPage = lazy(() => import('./pages/BoardPrintPage'));
const ApprovalsPage = lazy(() => import('./pages/ApprovalsPage'));
const TodoPage = lazy(() => import('./pages/TodoPage'));
const AlertsPage = lazy(() => import('./pages/AlertsPage'));
const NewPage = lazy(() => import('./pages/NewPage'));
const SystemPage = lazy(() => import('./pages/SystemPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const AccessLogPage = lazy(() => import('./pages/AccessLogPage'));
const FindingsPage = lazy(() => import('./pages/FindingsPage'));
const AnchorsPage = lazy(() => import('./pages/AnchorsPage'));
const PasswordPage = lazy(() => import('./pages/PasswordPage'));
const LedgerPage = lazy(() => import('./pages/LedgerPage'));
const BulletinsPage = lazy(() => import('./pages/BulletinsPage'));
const NoticesPage = lazy(() => import('./pages/NoticesPage'));
const GrantsPage = lazy(() => import('./pages/GrantsPage'));
const StatsPage = lazy(() => import('./pages/StatsPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  // A temporary password from the administrator opens nothing but its own replacement.
  if (user.mustChangePassword && location.pathname !== '/password')
    return <Navigate to="/password" replace />;
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}

const loading = (
  <div style={{ padding: 64, textAlign: 'center' }}>
    <Spin size="large" />
    <div style={{ marginTop: 12, color: '#888' }}>加载中…</div>
  </div>
);

export function App() {
  return (
    <AuthProvider>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/board/print"
            element={
              <RequireAuth>
                <BoardPrintPage />
              </RequireAuth>
            }
          />
          <Route
            path="/screen"
            element={
              <RequireAuth>
                <ScreenPage />
              </RequireAuth>
            }
          />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route path="board" element={<BoardPage />} />
            <Route path="todo" element={<TodoPage />} />
            <Route path="new" element={<NewPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="audit/access" element={<AccessLogPage />} />
            <Route path="audit/findings" element={<FindingsPage />} />
            <Route path="audit/anchors" element={<AnchorsPage />} />
            <Route path="system" element={<SystemPage />} />
            <Route path="measures/:id" element={<MeasurePage />} />
            <Route path="approvals" element={<ApprovalsPage />} />
            <Route path="alerts" element={<AlertsPage />} />
            <Route path="password" element={<PasswordPage />} />
            <Route path="ledger" element={<LedgerPage />} />
            <Route path="bulletins" element={<BulletinsPage />} />
            <Route path="notices" element={<NoticesPage />} />
            <Route path="grants" element={<GrantsPage />} />
            <Route path="bulletins/:id" element={<BulletinsPage />} />
            <Route path="stats" element={<StatsPage />} />
            <Route
              path="*"
              element={<Result status="404" title="页面不存在" extra={<Link to="/">返回首页</Link>} />}
            />
          </Route>
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
