import {
  AppstoreOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Select, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate, useParams } from 'react-router';
import { authApi } from '../../api/auth.api';
import { useLabel } from '../../i18n/use-locale';
import { PageLoading } from '../../shared/ui/page-loading';
import { useMe } from '../auth/session.hooks';
import { LanguageSwitch } from './language-switch';
import { NavMenu } from './nav-menu';
import { NotificationBell } from './notification-bell';
import { useApps } from './shell.queries';

/**
 * The frame of every signed-in page: the app's navigation (a side bar on wide screens, a drawer
 * on phones), the app switcher, notifications, language and the user menu.
 */
export function AppShell() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawer, setDrawer] = useState(false);
  const params = useParams();
  const apps = useApps();
  const label = useLabel();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const appKey = params.app ?? apps.data?.[0]?.key;

  const logout = async () => {
    await authApi.logout().catch(() => undefined);
    client.clear();
    navigate('/login', { replace: true });
  };

  const nav = <NavMenu appKey={appKey} onNavigate={() => setDrawer(false)} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Layout.Sider width={224} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand />
          {nav}
        </Layout.Sider>
      )}
      {!wide && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          styles={{ body: { padding: 0, background: '#0f1f3d' }, header: { display: 'none' } }}
        >
          <Brand />
          {nav}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #e5e8ee',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {!wide && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('shell:openMenu')}
              onClick={() => setDrawer(true)}
            />
          )}
          {apps.data && apps.data.length > 1 && (
            <Select
              aria-label={t('shell:switchApp')}
              value={appKey}
              style={{ minWidth: 160 }}
              options={apps.data.map((a) => ({ value: a.key, label: label(a.title, a.key) }))}
              onChange={(key) => navigate(`/apps/${key}`)}
            />
          )}
          <div style={{ flex: 1 }} />
          <Space size={4}>
            <Link to="/" aria-label={t('shell:allApps')} title={t('shell:allApps')}>
              <Button type="text" icon={<AppstoreOutlined />} tabIndex={-1} />
            </Link>
            <NotificationBell />
            <LanguageSwitch signedIn />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <Typography.Text type="secondary">
                        {me.data?.user.username}
                        {me.data?.user.department ? ` · ${me.data.user.department.name}` : ''}
                      </Typography.Text>
                    ),
                  },
                  { type: 'divider' },
                  {
                    key: 'mail',
                    icon: <MailOutlined />,
                    label: t('outbox:menu'),
                    onClick: () => navigate('/mail'),
                  },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('shell:logout'), onClick: logout },
                ],
              }}
            >
              <Button
                type="text"
                aria-label={
                  screens.md
                    ? `${t('shell:userMenu')}: ${me.data?.user.displayName ?? ''}`
                    : t('shell:userMenu')
                }
              >
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f4fd1' }} />
                {screens.md && <span>{me.data?.user.displayName}</span>}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: wide ? 16 : 8, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Brand() {
  return (
    <Link
      to="/"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        height: 48,
        padding: '0 20px',
        color: '#fff',
        fontWeight: 600,
        fontSize: 16,
      }}
    >
      <span
        aria-hidden
        style={{
          background: '#1f4fd1',
          borderRadius: 4,
          width: 22,
          height: 22,
          display: 'grid',
          placeItems: 'center',
          fontSize: 13,
        }}
      >
        T
      </span>
      Tessera
    </Link>
  );
}
