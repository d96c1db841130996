import { useQuery } from '@tanstack/react-query';
import { liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { readableTag } from '../../../fields/shared/select-options';
import { useLabel, useLocale } from '../../../i18n/use-locale';
import { formatDateTime } from '../../../shared/format';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageLoading } from '../../../shared/ui/page-loading';

const OP_COLOR = { created: 'green', updated: 'blue', deleted: 'red', restored: 'gold' } as const;

/** The record's change history as people read it: who, when, and each field's old → new value. */
export function HistoryList({
  app,
  form,
  recordId,
  definition,
  version,
}: {
  app: string;
  form: string;
  recordId: string;
  definition: FormDefinition;
  version: number;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const locale = useLocale();
  const directory = useDirectory();
  const history = useQuery({
    queryKey: ['apps', app, 'forms', form, 'records', recordId, 'history', version],
    queryFn: () => recordsApi.history(app, form, recordId),
  });
  if (history.isPending) return <PageLoading rows={4} />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  if (history.data.length === 0) return <Empty description={t('records:history.none')} />;
  const fields = new Map(liveFields(definition.fields).map((f) => [f.key, f]));
  const scope = { app, form, fields: definition.fields };
  const name = (id: string | null) =>
    id
      ? (directory.data?.users.find((u) => u.id === id)?.displayName ?? t('records:history.unknownUser'))
      : t('records:history.system');
  return (
    <Timeline
      style={{ paddingTop: 8, maxWidth: 880 }}
      items={[...history.data].reverse().map((entry) => ({
        key: entry.id,
        color: OP_COLOR[entry.operation],
        children: (
          <div>
            <div>
              <Tag {...readableTag(OP_COLOR[entry.operation])} bordered={false}>
                {t(`records:history.op.${entry.operation}`)}
              </Tag>
              <strong>{name(entry.actorId)}</strong>{' '}
              <Typography.Text type="secondary" className="tabular">
                {formatDateTime(entry.at, locale)}
              </Typography.Text>
            </div>
            {entry.operation === 'updated' && (
              <table style={{ marginTop: 6, borderCollapse: 'collapse', fontSize: 13 }}>
                <tbody>
                  {Object.entries(entry.changes)
                    .filter(([key]) => fields.has(key))
                    .map(([key, change]) => {
                      const field = fields.get(key)!;
                      const { Display } = FIELD_UI[field.type];
                      return (
                        <tr key={key}>
                          <th
                            scope="row"
                            style={{
                              textAlign: 'left',
                              fontWeight: 400,
                              color: '#5b6475',
                              padding: '2px 12px 2px 0',
                              whiteSpace: 'nowrap',
                            }}
                          >
                            {label(field.label, key)}
                          </th>
                          <td
                            style={{ padding: '2px 8px', textDecoration: 'line-through', color: MUTED_TEXT }}
                          >
                            <Display field={field} value={change.old} scope={scope} compact />
                          </td>
                          <td aria-hidden style={{ color: MUTED_TEXT }}>
                            →
                          </td>
                          <td style={{ padding: '2px 8px' }}>
                            <Display field={field} value={change.new} scope={scope} compact />
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            )}
          </div>
        ),
      }))}
    />
  );
}
