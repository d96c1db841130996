import { Navigate, useParams } from 'react-router';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useForms } from './shell.queries';

/** `/apps/:app` opens the app's first form. */
export function AppIndexPage() {
  const { app } = useParams();
  const forms = useForms(app);
  if (forms.isPending) return <PageLoading />;
  if (forms.isError) return <ErrorState error={forms.error} onRetry={() => forms.refetch()} />;
  const first = forms.data.find((f) => f.publishedVersion !== null);
  return first ? <Navigate to={`/apps/${app}/forms/${first.key}`} replace /> : <Navigate to="/" replace />;
}
