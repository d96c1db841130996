import { FundViewOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBoundDashboard } from '../dashboards.queries';

/** On a record page: the way to its 360° overview, when a dashboard is made for its form. */
export function OverviewLink({ app, form, id }: { app: string; form: string; id: string }) {
  const { t } = useTranslation();
  const { bound } = useBoundDashboard(app, form);
  if (!bound) return null;
  return (
    <Link to={`/apps/${app}/forms/${form}/records/${id}/overview`}>
      <Button icon={<FundViewOutlined />} tabIndex={-1}>
        {t('dashboards:overview.open')}
      </Button>
    </Link>
  );
}
