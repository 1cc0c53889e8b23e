// Routes: public login, the pages a session may still owe (password change, second factor), and
// the signed-in layout whose pages each require a permission (403 otherwise).
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { Loading } from './components/Loading';
import { AppLayout } from './layout/AppLayout';

const LoginPage = lazy(() => import('./pages/auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/auth/ChangePasswordPage'));
const TotpSetupPage = lazy(() => import('./pages/auth/TotpSetupPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const UnitsPage = lazy(() => import('./pages/org/UnitsPage'));
const UnitDetailPage = lazy(() => import('./pages/org/UnitDetailPage'));
const UsersPage = lazy(() => import('./pages/org/UsersPage'));
const RolesPage = lazy(() => import('./pages/security/RolesPage'));
const PolicyPage = lazy(() => import('./pages/security/PolicyPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const LedgersIndexPage = lazy(() => import('./pages/ledgers/LedgersIndexPage'));
const LedgerPage = lazy(() => import('./pages/ledgers/LedgerPage'));
const TodoPage = lazy(() => import('./pages/todo/TodoPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const ProofreadPage = lazy(() => import('./pages/proofread/ProofreadPage'));
const WordListsPage = lazy(() => import('./pages/proofread/WordListsPage'));
const RegionSettingsPage = lazy(() => import('./pages/settings/RegionSettingsPage'));
const ForbiddenPage = lazy(() => import('./pages/errors/ForbiddenPage'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage'));

/** Signed in with nothing owed; otherwise sent to login, the password change or the 2FA setup. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, signedOut } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me || me.pending.totp) {
    const from = location.pathname + location.search;
    const back = from === '/' || signedOut ? '' : `?from=${encodeURIComponent(from)}`;
    return <Navigate to={`/login${back}`} replace />;
  }
  if (me.pending.passwordChange) return <Navigate to="/change-password" replace />;
  if (me.pending.totpSetup) return <Navigate to="/totp-setup" replace />;
  return children;
}

/** Signed in (second factor passed), possibly still owing a password change or 2FA setup. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  if (!me || me.pending.totp) return <Navigate to="/login" replace />;
  return children;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <ForbiddenPage />;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/change-password"
          element={
            <RequireSession>
              <ChangePasswordPage />
            </RequireSession>
          }
        />
        <Route
          path="/totp-setup"
          element={
            <RequireSession>
              <TotpSetupPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route
            path="org/units"
            element={
              <RequirePermission permission="org:unit:read">
                <UnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="org/units/:id"
            element={
              <RequirePermission permission="org:unit:read">
                <UnitDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="org/users"
            element={
              <RequirePermission permission="org:user:read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="security/roles"
            element={
              <RequirePermission permission="sec:role:read">
                <RolesPage />
              </RequirePermission>
            }
          />
          <Route
            path="security/policy"
            element={
              <RequirePermission permission="sec:policy:edit">
                <PolicyPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit:read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="dashboard"
            element={
              <RequirePermission permission="ledger:read">
                <DashboardPage />
              </RequirePermission>
            }
          />
          <Route
            path="todo"
            element={
              <RequirePermission permission="ledger:read">
                <TodoPage />
              </RequirePermission>
            }
          />
          <Route
            path="ledgers"
            element={
              <RequirePermission permission="ledger:read">
                <LedgersIndexPage />
              </RequirePermission>
            }
          />
          <Route
            path="ledgers/:key"
            element={
              <RequirePermission permission="ledger:read">
                <LedgerPage />
              </RequirePermission>
            }
          />
          <Route
            path="proofread"
            element={
              <RequirePermission permission="proofread:use">
                <ProofreadPage />
              </RequirePermission>
            }
          />
          <Route
            path="proofread/wordlists"
            element={
              <RequirePermission permission="proofread:admin">
                <WordListsPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/region"
            element={
              <RequirePermission permission="ledger:read">
                <RegionSettingsPage />
              </RequirePermission>
            }
          />
          <Route path="403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
