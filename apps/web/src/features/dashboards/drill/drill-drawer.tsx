import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { RecordOut, ReportDrillBody } from '@tessera/api';
import { type AnyField, liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { Button, Drawer, Grid, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormDefinition } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { reportsApi } from '../../../api/reports.api';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { recordTitle } from '../../../fields/shared/record-title';
import { useLabel } from '../../../i18n/use-locale';
import { ErrorState } from '../../../shared/ui/error-state';
import { defaultColumns } from '../../records/list/list-columns';
import type { DrillRequest } from './drill-request';

const PAGE = 20;

/**
 * The columns of the drawer: the record's title, the fields the clicked figure is made of (the
 * summed amount, the grouped status), then the form's usual list columns.
 */
function drillColumns(
  request: DrillRequest,
  definition: FormDefinition,
  fields: readonly AnyField[],
  count: number,
): AnyField[] {
  const { query } = request;
  const used = [
    ...(query.dimensions ?? []).map((d) => d.field),
    ...(query.measures ?? [])
      .filter((m) => request.measure === undefined || m.key === request.measure)
      .map((m) => ('field' in m ? m.field : undefined)),
    query.dateRange?.field,
  ].filter((p): p is string => typeof p === 'string' && !p.includes('.'));
  const defaults = defaultColumns(definition).map((c) => c.key);
  const keys = [...new Set([defaults[0], ...used, ...defaults.slice(1)])];
  return keys.flatMap((k) => fields.find((f) => f.key === k && !NOT_SHOWN.has(f.type)) ?? []).slice(0, count);
}
const NOT_SHOWN = new Set(['line_items', 'json', 'rich_text', 'long_text']);

/**
 * The records behind a clicked figure, bar or slice: the report engine's drill-down gives their
 * ids (with the query's filters and the user's row scope), the records API the records themselves
 * with linked records expanded, so the drawer shows names and links to each record page.
 */
export function DrillDrawer({
  app,
  request,
  onClose,
}: {
  app: string;
  request: DrillRequest | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const label = useLabel();
  const form = request?.query.source;
  const definition = useFormDefinition(app, form);
  const ids = useInfiniteQuery({
    queryKey: ['apps', app, 'drill', request],
    queryFn: async ({ pageParam }) => {
      const result = await reportsApi.drill(app, {
        query: request!.query,
        // the point's values are cells of the result the chart drew
        point: request!.point as ReportDrillBody['point'],
        ...(request!.measure ? { measure: request!.measure } : {}),
        limit: PAGE + 1,
        offset: pageParam,
      });
      const found = result.rows.map((r) => String(r.id));
      return { ids: found.slice(0, PAGE), more: found.length > PAGE };
    },
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.more ? pages.length * PAGE : undefined),
    enabled: Boolean(request),
  });
  const allIds = ids.data?.pages.flatMap((p) => p.ids) ?? [];
  const fields = definition.data ? liveFields(definition.data.fields) : [];
  const shown =
    request && definition.data ? drillColumns(request, definition.data, fields, screens.md ? 5 : 3) : [];
  const links = shown.filter((f) => f.type === 'link').map((f) => f.key);
  const records = useQuery({
    queryKey: ['apps', app, 'forms', form, 'records', 'drill', allIds, links],
    queryFn: () =>
      recordsApi.list(app, form!, {
        filter: { in: [{ var: 'id' }, allIds] },
        limit: allIds.length,
        expand: links,
      }),
    enabled: Boolean(form && allIds.length > 0),
    placeholderData: (previous) => previous,
  });
  const byId = new Map((records.data?.items ?? []).map((r) => [r.id, r]));
  const rows = allIds.flatMap((id) => byId.get(id) ?? []);
  const titleKey = definition.data?.titleField
    ? fields.find((f) => f.id === definition.data!.titleField)?.key
    : undefined;
  const scope = { app, form: form ?? '', fields };
  const failed = ids.error ?? records.error;
  return (
    <Drawer
      open={Boolean(request)}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={
        <span>
          {request?.title}
          {definition.data && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
              {label(definition.data.title, form)}
            </Typography.Text>
          )}
        </span>
      }
      destroyOnHidden
    >
      {failed ? (
        <ErrorState error={failed} onRetry={() => void (ids.error ? ids.refetch() : records.refetch())} />
      ) : (
        <>
          <Table<RecordOut>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={ids.isPending || (allIds.length > 0 && records.isPending)}
            dataSource={rows}
            locale={{ emptyText: t('dashboards:drill.empty') }}
            columns={shown.map((f, i) => {
              const ui = FIELD_UI[f.type];
              const isTitle = f.key === titleKey || (!titleKey && i === 0);
              return {
                key: f.key,
                title: label(f.label, f.key),
                align: ui.align,
                render: (_: unknown, row: RecordOut) =>
                  isTitle ? (
                    <Link to={`/apps/${app}/forms/${form}/records/${row.id}`}>
                      {recordTitle(definition.data, row) || t('dashboards:drill.open')}
                    </Link>
                  ) : (
                    <ui.Display field={f} value={row[f.key]} scope={scope} compact />
                  ),
              };
            })}
          />
          {ids.hasNextPage && (
            <Button
              block
              style={{ marginTop: 12 }}
              loading={ids.isFetchingNextPage}
              onClick={() => void ids.fetchNextPage()}
            >
              {t('dashboards:drill.more')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}
