import { AppstoreOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Empty, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel } from '../../i18n/use-locale';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useMe } from '../auth/session.hooks';
import { useApps, useForms } from './shell.queries';

/** Home: the apps this user may open, each with its forms. */
export function HomePage() {
  const { t } = useTranslation();
  const apps = useApps();
  const me = useMe();
  if (apps.isPending) return <PageLoading />;
  if (apps.isError) return <ErrorState error={apps.error} onRetry={() => apps.refetch()} />;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('shell:home.greeting', { name: me.data?.user.displayName ?? '' })}
      </Typography.Title>
      {apps.data.length === 0 ? (
        <Card>
          <Empty description={t('shell:home.noApps')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {apps.data.map((app) => (
            <Col key={app.key} xs={24} md={12} xl={8}>
              <AppCard appKey={app.key} title={app.title} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

function AppCard({ appKey, title }: { appKey: string; title: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const forms = useForms(appKey);
  const published = (forms.data ?? []).filter((f) => f.publishedVersion !== null);
  return (
    <Card
      title={
        <span>
          <AppstoreOutlined style={{ color: '#1f4fd1', marginRight: 8 }} />
          {label(title, appKey)}
        </span>
      }
      extra={
        <Typography.Text type="secondary">
          {t('shell:home.formCount', { count: published.length })}
        </Typography.Text>
      }
      loading={forms.isPending}
      styles={{ body: { padding: '4px 12px' } }}
    >
      <List
        size="small"
        dataSource={published}
        renderItem={(f) => (
          <List.Item style={{ padding: '6px 4px' }}>
            <Link
              to={`/apps/${appKey}/forms/${f.key}`}
              style={{ display: 'flex', width: '100%', justifyContent: 'space-between' }}
            >
              {label(f.title, f.key)}
              <RightOutlined style={{ color: '#98a2b3', fontSize: 11 }} />
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
