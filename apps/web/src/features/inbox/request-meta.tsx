import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../shared/ui/relative-time';

/**
 * The line under a task's or a request's title: an optional lead (the step), who started it, when,
 * and a link to the record itself.
 */
export function RequestMeta(props: {
  lead?: ReactNode;
  startedBy: ReactNode;
  at: string;
  record: { appKey: string; formKey: string; recordId: string | null | undefined };
}) {
  const { t } = useTranslation();
  const { appKey, formKey, recordId } = props.record;
  return (
    <div className="inbox-muted" style={{ marginBottom: 12, fontSize: 13, paddingInlineStart: 4 }}>
      {props.lead}
      {props.startedBy} · <RelativeTime value={props.at} />
      {recordId && (
        <>
          {' · '}
          <Link
            to={`/apps/${appKey}/forms/${formKey}/records/${recordId}`}
            style={{ textDecoration: 'underline' }}
          >
            {t('inbox:task.openRecord')}
          </Link>
        </>
      )}
    </div>
  );
}
