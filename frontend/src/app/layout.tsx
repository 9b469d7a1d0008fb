import { Trans, useLingui } from "@lingui/react/macro";
import { Suspense, useEffect, useState, type ReactNode } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { ThemeToggle } from "@/components/theme-toggle";
import { errorMessage } from "@/lib/api-client";
import { allAreasLoaded, loadAllAreas } from "@/lib/i18n";
import { wasSignedOutOnPurpose, useUser } from "@/lib/auth";
import { useToast } from "@/lib/toast";
import { useLogout } from "@/features/auth/api/logout";
import { useRenewSubscriptionIfKeyRotated } from "@/features/reminders/api/push-devices";
import {
  KeptChangesNote,
  OfflineNotices,
  PendingBadge,
  UpdatePrompt,
} from "@/features/offline/components/offline-status";
import { LanguageFromAccount } from "./language-from-account";
import { useRouteFocus } from "./use-route-focus";

function Brand() {
  return (
    <Link to="/" className="brand">
      <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true">
        <circle cx="16" cy="16" r="14" fill="var(--accent)" />
        <path
          d="M9 16.5l4.5 4.5L23 11.5"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span>
        <Trans>Habits</Trans>
      </span>
    </Link>
  );
}

function SkipLink() {
  return (
    <a href="#main" className="skip-link">
      <Trans>Skip to content</Trans>
    </a>
  );
}

/** The signed-in shell: navigation, theme switch and log out. */
export function AppLayout() {
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const toast = useToast();
  const { t } = useLingui();
  useRouteFocus();
  useRenewSubscriptionIfKeyRotated(Boolean(user.data));

  if (user.isPending) {
    return (
      <main id="main" className="container">
        <Skeleton lines={5} label={t`Loading your account`} />
      </main>
    );
  }
  if (user.isError) {
    return (
      <main id="main" className="container">
        <Alert>{errorMessage(user.error)}</Alert>
      </main>
    );
  }
  if (!user.data) {
    const next =
      wasSignedOutOnPurpose() || location.pathname === "/"
        ? ""
        : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }

  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate("/login", { replace: true }),
      onError: (error) => toast.show(errorMessage(error), "error"),
    });

  return (
    <>
      <LanguageFromAccount />
      <SkipLink />
      <header className="app-header">
        <div className="container header-inner">
          <Brand />
          <nav aria-label={t`Main`} className="main-nav">
            <NavLink to="/" end>
              <Trans>Today</Trans>
            </NavLink>
            <NavLink to="/habits">
              <Trans>Habits</Trans>
            </NavLink>
            <NavLink to="/overview">
              <Trans>Overview</Trans>
            </NavLink>
            <NavLink to="/settings">
              <Trans>Settings</Trans>
            </NavLink>
          </nav>
          <div className="header-tools">
            <PendingBadge userId={user.data.id} />
            <ThemeToggle />
            <button type="button" className="btn btn-small btn-ghost" onClick={onLogout}>
              <Trans>Log out</Trans>
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="container page" tabIndex={-1}>
        <OfflineNotices userId={user.data.id} />
        <Suspense fallback={<Skeleton lines={6} label={t`Loading page`} />}>
          <WithAllCatalogs>
            <Outlet />
          </WithAllCatalogs>
        </Suspense>
      </main>
    </>
  );
}

/** Signed-in screens wait for every area's catalogs (the login screens load only "core"). */
function WithAllCatalogs({ children }: { children: ReactNode }) {
  const { t } = useLingui();
  const [ready, setReady] = useState(allAreasLoaded);
  useEffect(() => {
    if (!ready) void loadAllAreas().then(() => setReady(true));
  }, [ready]);
  return ready ? children : <Skeleton lines={6} label={t`Loading page`} />;
}

/** Login and sign-up: a centred card, and straight to Today when signed in. */
export function PublicLayout() {
  const user = useUser();
  const { t } = useLingui();
  useRouteFocus();
  if (user.data) return <Navigate to="/" replace />;
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="container header-inner">
          <Brand />
          <div className="header-tools">
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main id="main" className="container narrow page" tabIndex={-1}>
        <div className="offline-notices">
          <UpdatePrompt />
          <KeptChangesNote />
        </div>
        <Suspense fallback={<Skeleton lines={4} label={t`Loading page`} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
