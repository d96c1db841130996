import {
  ApartmentOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HomeOutlined,
} from '@ant-design/icons';
import { Badge, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLabel } from '../../i18n/use-locale';
import { useDashboards } from '../dashboards/dashboards.queries';
import { useForms, useMonitoredFlows, useTaskCounts } from './shell.queries';

/** Navigation generated from the installed pack: the app's forms, and the inbox with its count. */
export function NavMenu({ appKey, onNavigate }: { appKey: string | undefined; onNavigate: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const forms = useForms(appKey);
  const counts = useTaskCounts();
  const monitored = useMonitoredFlows();
  const canMonitor = Boolean(monitored.data && (monitored.data.all || monitored.data.flows.length > 0));
  const navigate = useNavigate();
  const location = useLocation();
  const formItems = (forms.data ?? [])
    .filter((f) => f.publishedVersion !== null)
    .map((f) => ({
      key: `/apps/${appKey}/forms/${f.key}`,
      icon: <FileTextOutlined />,
      label: label(f.title, f.key),
    }));
  const dashboards = useDashboards(appKey);
  const dashboardItems = (dashboards.data ?? []).map((d) => ({
    key: `/apps/${appKey}/dashboards/${d.key}`,
    icon: <DashboardOutlined />,
    label: label(d.title, d.key),
  }));
  const selected =
    [...formItems, ...dashboardItems].find((i) => location.pathname.startsWith(i.key))?.key ??
    (location.pathname.startsWith('/inbox/flows')
      ? '/inbox/flows'
      : location.pathname.startsWith('/inbox')
        ? '/inbox'
        : location.pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => {
        navigate(key);
        onNavigate();
      }}
      items={[
        { key: '/', icon: <HomeOutlined />, label: t('shared:home') },
        {
          key: '/inbox',
          icon: <CheckSquareOutlined />,
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              {t('shell:nav.inbox')}
              <Badge count={counts.data?.todo ?? 0} size="small" />
            </span>
          ),
        },
        ...(canMonitor
          ? [{ key: '/inbox/flows', icon: <ApartmentOutlined />, label: t('shell:nav.monitor') }]
          : []),
        ...(dashboardItems.length > 0
          ? [
              {
                type: 'group' as const,
                key: 'dashboards',
                label: t('dashboards:nav.group'),
                children: dashboardItems,
              },
            ]
          : []),
        { type: 'group', key: 'forms', label: t('shell:nav.forms'), children: formItems },
      ]}
    />
  );
}
