import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login.page';
import { RequireSession } from '../features/auth/require-session';
import { AppIndexPage } from '../features/shell/app-index.page';
import { AppShell } from '../features/shell/app-shell';
import { HomePage } from '../features/shell/home.page';
import { NotFoundPage } from '../features/shell/not-found.page';

/**
 * Routes. Feature pages load lazily (their code is fetched when first opened), so the initial
 * bundle holds only the shell; the designers (next round) mount under `/design/*` the same way.
 */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'apps/:app', element: <AppIndexPage /> },
          {
            path: 'apps/:app/forms/:form',
            lazy: async () => ({ Component: (await import('../features/records/list/list.page')).ListPage }),
          },
          {
            path: 'apps/:app/forms/:form/new',
            lazy: async () => ({
              Component: (await import('../features/records/page/record.page')).NewRecordPage,
            }),
          },
          {
            path: 'apps/:app/forms/:form/records/:id',
            lazy: async () => ({
              Component: (await import('../features/records/page/record.page')).RecordPage,
            }),
          },
          {
            path: 'inbox',
            lazy: async () => ({ Component: (await import('../features/inbox/inbox.page')).InboxPage }),
          },
          {
            path: 'inbox/tasks/:id',
            lazy: async () => ({ Component: (await import('../features/inbox/task.page')).TaskPage }),
          },
          {
            path: 'inbox/requests/:id',
            lazy: async () => ({ Component: (await import('../features/inbox/request.page')).RequestPage }),
          },
          {
            path: 'inbox/flows',
            lazy: async () => ({
              Component: (await import('../features/inbox/flow-monitor.page')).FlowMonitorPage,
            }),
          },
          {
            path: 'apps/:app/forms/:form/records/:id/overview',
            lazy: async () => ({
              Component: (await import('../features/dashboards/overview/overview.page')).OverviewPage,
            }),
          },
          {
            path: 'apps/:app/dashboards/:key',
            lazy: async () => ({
              Component: (await import('../features/dashboards/dashboard.page')).DashboardPage,
            }),
          },
          {
            path: 'mail',
            lazy: async () => ({ Component: (await import('../features/outbox/outbox.page')).OutboxPage }),
          },
          {
            path: 'design/apps/:app/forms/:form/print/:template',
            lazy: async () => ({
              Component: (await import('../features/designers/print-template/print-template-editor.page'))
                .PrintTemplateEditorPage,
            }),
          },
          {
            path: 'design/*',
            lazy: async () => ({
              Component: (await import('../features/designers/designers.route')).DesignersRoute,
            }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
