import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { authApi } from '../../api/auth.api';
import { LanguageSwitch } from '../shell/language-switch';
import { ME_KEY } from './session.hooks';

function safeNext(next: string | null): string {
  // only a path of this app, never another origin
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => authApi.login(v.username, v.password),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const error = login.error instanceof ApiError ? login.error : null;
  const message = !error
    ? null
    : error.code === 'INVALID_CREDENTIALS'
      ? t('auth:login.invalid')
      : error.code === 'RATE_LIMITED'
        ? t('auth:login.throttled')
        : error.isNetwork
          ? t('shared:error.network')
          : t('shared:error.unexpected');

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg, #0f1f3d 0%, #1f4fd1 100%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 16 }}>
        <LanguageSwitch dark />
      </div>
      <Card style={{ width: 'min(380px, 100%)' }} styles={{ body: { padding: 28 } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          Tessera
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth:login.subtitle')}</Typography.Paragraph>
        {params.get('expired') && !message && (
          <Alert type="info" showIcon title={t('auth:login.expired')} style={{ marginBottom: 16 }} />
        )}
        {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => login.mutate(v)}
          disabled={login.isPending}
        >
          <Form.Item
            name="username"
            label={t('auth:login.username')}
            rules={[{ required: true, message: t('auth:login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth:login.password')}
            rules={[{ required: true, message: t('auth:login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('auth:login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
