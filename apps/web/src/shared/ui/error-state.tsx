import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';

/** A failed load: what went wrong in the user's words, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  const status = api?.status;
  const title =
    status === 403
      ? t('shared:error.forbidden')
      : status === 404
        ? t('shared:error.notFound')
        : api?.isNetwork
          ? t('shared:error.network')
          : t('shared:error.unexpected');
  return (
    <Result
      status={status === 403 ? '403' : status === 404 ? '404' : 'warning'}
      title={title}
      subTitle={api && !api.isNetwork && status !== 404 ? api.message : undefined}
      extra={onRetry ? <Button onClick={onRetry}>{t('shared:action.retry')}</Button> : undefined}
    />
  );
}
