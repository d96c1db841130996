import { useQueries, useQuery } from '@tanstack/react-query';
import { liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { appsApi } from '../../../api/apps.api';
import { recordsApi } from '../../../api/records.api';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { useLabel } from '../../../i18n/use-locale';
import { MUTED_TEXT } from '../../../shared/ui/colors';
import { PageLoading } from '../../../shared/ui/page-loading';
import { listableFields } from '../list/list-columns';

interface Relation {
  readonly form: string;
  readonly definition: FormDefinition;
  readonly linkKey: string;
}

/** Records of other forms that link to this one (a customer's orders, receivables, tickets…). */
export function RelatedLists({ app, form, recordId }: { app: string; form: string; recordId: string }) {
  const { t } = useTranslation();
  const forms = useQuery({
    queryKey: ['apps', app, 'forms'],
    queryFn: () => appsApi.forms(app),
    staleTime: 5 * 60_000,
  });
  const definitions = useQueries({
    queries: (forms.data ?? [])
      .filter((f) => f.publishedVersion !== null)
      .map((f) => ({
        queryKey: ['apps', app, 'forms', f.key, 'definition'],
        queryFn: async () => (await appsApi.form(app, f.key)).definition as FormDefinition,
        staleTime: 5 * 60_000,
      })),
  });
  if (forms.isPending || definitions.some((d) => d.isPending)) return <PageLoading rows={4} />;
  const relations: Relation[] = definitions.flatMap((d) =>
    d.data
      ? liveFields(d.data.fields)
          .filter((f) => f.type === 'link' && 'form' in f && f.form === form)
          .map((f) => ({ form: d.data!.key, definition: d.data!, linkKey: f.key }))
      : [],
  );
  if (relations.length === 0) return <Empty description={t('records:related.none')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {relations.map((r) => (
        <RelatedList key={`${r.form}.${r.linkKey}`} app={app} relation={r} recordId={recordId} />
      ))}
    </Space>
  );
}

function RelatedList({ app, relation, recordId }: { app: string; relation: Relation; recordId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const filter = { '==': [{ var: relation.linkKey }, recordId] };
  const list = useQuery({
    queryKey: ['apps', app, 'forms', relation.form, 'records', 'related', relation.linkKey, recordId],
    queryFn: () =>
      recordsApi.list(app, relation.form, { filter, limit: 10, count: 'exact', sort: '-created_at' }),
  });
  const columns = listableFields(relation.definition)
    .filter((f) => f.key !== relation.linkKey)
    .slice(0, 6);
  const scope = { app, form: relation.form, fields: relation.definition.fields };
  const linkField = relation.definition.fields.find((f) => f.key === relation.linkKey);
  const title = `${label(relation.definition.title, relation.form)}${linkField && relation.definition.fields.filter((f) => f.type === 'link' && 'form' in f && f.form === (linkField as { form: string }).form).length > 1 ? ` · ${label(linkField.label)}` : ''}`;
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Typography.Text type="secondary">({list.data?.total ?? '…'})</Typography.Text>
        </span>
      }
      extra={<Link to={`/apps/${app}/forms/${relation.form}`}>{t('records:related.openList')}</Link>}
    >
      <Table
        size="small"
        loading={list.isPending}
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={list.data?.items as Record<string, unknown>[] | undefined}
        // antd's placeholder grey misses 4.5:1 on white
        locale={{ emptyText: <span style={{ color: MUTED_TEXT }}>{t('records:related.empty')}</span> }}
        onRow={(row) => ({
          onClick: () => navigate(`/apps/${app}/forms/${relation.form}/records/${row.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={columns.map((f) => {
          const ui = FIELD_UI[f.type];
          return {
            key: f.key,
            title: label(f.label, f.key),
            align: ui.align,
            render: (_: unknown, row: Record<string, unknown>) => (
              <ui.Display field={f} value={row[f.key]} scope={scope} compact />
            ),
          };
        })}
      />
    </Card>
  );
}
