import { lazy, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { AppLayout, PublicLayout } from "./layout";
import { NotFoundRoute } from "./routes/not-found";
import { TodayRoute } from "./routes/today";

// Today is the landing screen and ships in the entry chunk; every other
// screen is split into its own chunk and loaded on first visit.
const LoginRoute = lazy(() => import("./routes/login").then((m) => ({ default: m.LoginRoute })));
const RegisterRoute = lazy(() =>
  import("./routes/register").then((m) => ({ default: m.RegisterRoute })),
);
const HabitsRoute = lazy(() => import("./routes/habits").then((m) => ({ default: m.HabitsRoute })));
const HabitNewRoute = lazy(() =>
  import("./routes/habit-new").then((m) => ({ default: m.HabitNewRoute })),
);
const HabitEditRoute = lazy(() =>
  import("./routes/habit-edit").then((m) => ({ default: m.HabitEditRoute })),
);
const HabitDetailRoute = lazy(() =>
  import("./routes/habit-detail").then((m) => ({ default: m.HabitDetailRoute })),
);
const GroupsRoute = lazy(() => import("./routes/groups").then((m) => ({ default: m.GroupsRoute })));
const GroupDetailRoute = lazy(() =>
  import("./routes/group-detail").then((m) => ({ default: m.GroupDetailRoute })),
);
const OverviewRoute = lazy(() =>
  import("./routes/overview").then((m) => ({ default: m.OverviewRoute })),
);
const SettingsRoute = lazy(() =>
  import("./routes/settings").then((m) => ({ default: m.SettingsRoute })),
);
const ForgotPasswordRoute = lazy(() =>
  import("./routes/forgot-password").then((m) => ({ default: m.ForgotPasswordRoute })),
);
const ResetPasswordRoute = lazy(() =>
  import("./routes/reset-password").then((m) => ({ default: m.ResetPasswordRoute })),
);
const ConfirmEmailRoute = lazy(() =>
  import("./routes/confirm-email").then((m) => ({ default: m.ConfirmEmailRoute })),
);

export const routes = [
  {
    element: <PublicLayout />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      { path: "/register", element: <RegisterRoute /> },
      { path: "/forgot-password", element: <ForgotPasswordRoute /> },
    ],
  },
  {
    element: <AppLayout />,
    children: [
      { path: "/", element: <TodayRoute /> },
      { path: "/habits", element: <HabitsRoute /> },
      { path: "/habits/new", element: <HabitNewRoute /> },
      { path: "/habits/:id", element: <HabitDetailRoute /> },
      { path: "/habits/:id/edit", element: <HabitEditRoute /> },
      { path: "/groups", element: <GroupsRoute /> },
      { path: "/groups/:id", element: <GroupDetailRoute /> },
      { path: "/overview", element: <OverviewRoute /> },
      { path: "/settings", element: <SettingsRoute /> },
    ],
  },
  // Opened from e-mailed links, whether or not someone is signed in on this browser.
  {
    path: "/reset-password",
    element: (
      <Suspense fallback={null}>
        <ResetPasswordRoute />
      </Suspense>
    ),
  },
  {
    path: "/confirm-email",
    element: (
      <Suspense fallback={null}>
        <ConfirmEmailRoute />
      </Suspense>
    ),
  },
  { path: "*", element: <NotFoundRoute /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
