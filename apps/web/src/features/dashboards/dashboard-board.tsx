import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../api/reports.api';
import { DashboardGrid } from './dashboard-grid';
import { DrillDrawer } from './drill/drill-drawer';
import type { DrillRequest } from './drill/drill-request';
import { useAppForms } from './model/use-app-forms';
import './dashboards.css';

/** A dashboard's widgets with the drill-down drawer (the dashboard page and a record's overview share it). */
export function DashboardBoard({
  app,
  view,
  refreshing,
}: {
  app: string;
  view: DashboardView;
  refreshing: boolean;
}) {
  const { t } = useTranslation();
  const forms = useAppForms(app);
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const failed = view.widgets.filter((w) => w.error).length;
  return (
    <div aria-busy={refreshing} style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 0.2s' }}>
      {failed > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('dashboards:page.someFailed', { count: failed })}
        />
      )}
      <DashboardGrid view={view} forms={forms.lookup} onDrill={setDrill} />
      <DrillDrawer app={app} request={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
