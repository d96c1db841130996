import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { RecordOut } from '@tessera/api';
import { Button, Dropdown, Input, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useFormActions, useFormDefinition } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { filterLogic } from '../../../fields/filter-operators';
import { useLabel, useLocale } from '../../../i18n/use-locale';
import { formatNumber } from '../../../shared/format';
import { useDebounced } from '../../../shared/hooks/use-debounced';
import { useWindowHeight } from '../../../shared/hooks/use-window-height';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageLoading } from '../../../shared/ui/page-loading';
import { ImportWizard } from '../../imports/import-wizard';
import { PrintButton } from '../../print/print-button';
import { ViewSwitcher } from '../../views/view-switcher';
import { BulkActions } from './bulk-actions';
import { ColumnChooser } from './column-chooser';
import { EMPTY_FILTER, FilterBuilder, type FilterState } from './filter-builder';
import { defaultColumns, expandedLinks, listableFields, validColumns } from './list-columns';
import { RecordGrid, type SortState } from './record-grid';
import { useListSettings } from './use-list-settings';
import { useRecordPages } from './use-record-pages';

/** The list of a form's records: search, filter, sort, columns, bulk actions, export. */
export function ListPage() {
  const { app = '', form = '' } = useParams();
  const definition = useFormDefinition(app, form);
  if (definition.isPending) return <PageLoading />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => definition.refetch()} />;
  return <ListView key={`${app}/${form}`} app={app} form={form} definition={definition.data} />;
}

function ListView({
  app,
  form,
  definition,
}: {
  app: string;
  form: string;
  definition: NonNullable<ReturnType<typeof useFormDefinition>['data']>;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const locale = useLocale();
  const navigate = useNavigate();
  const [settings, update] = useListSettings(app, form);
  const canImport = useFormActions(app, form).data?.includes('import') ?? false;
  const [search, setSearch] = useState(settings.q ?? '');
  const q = useDebounced(search, 300);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const height = useWindowHeight(200);

  const fields = useMemo(() => listableFields(definition), [definition]);
  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  const columns = useMemo(() => validColumns(definition, settings.columns), [definition, settings.columns]);
  const filter = settings.filter ?? EMPTY_FILTER;
  const sort = settings.sort ?? null;
  const logic = useMemo(() => filterLogic(filter.conditions, filter.match), [filter]);
  const params = {
    filter: logic,
    // newest first until the user sorts (the server's own order is by id, which reads as random)
    sort: sort ? `${sort.desc ? '-' : ''}${sort.key}` : '-created_at',
    q: q || undefined,
    expand: expandedLinks(definition, columns),
  };
  const pages = useRecordPages(app, form, params);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total;
  const scope = useMemo(() => ({ app, form, fields: definition.fields }), [app, form, definition]);
  // never restart a page already on its way (react-query's default cancels and re-asks)
  const loadMore = useCallback(
    () => void pages.fetchNextPage({ cancelRefetch: false }),
    [pages.fetchNextPage],
  );
  const sortBy = useCallback((s: SortState | null) => update({ sort: s }), [update]);
  const resize = useCallback(
    (key: string, width: number) =>
      update((s) => ({
        ...s,
        columns: validColumns(definition, s.columns).map((c) => (c.key === key ? { ...c, width } : c)),
      })),
    [update, definition],
  );
  const open = useCallback(
    (row: RecordOut) => navigate(`/apps/${app}/forms/${form}/records/${row.id}`),
    [navigate, app, form],
  );

  const refetch = pages.refetch;
  const reloading = pages.isRefetching;

  // the toolbar's parts are kept as elements while what they show is unchanged: a keyset page
  // asked for or arriving re-renders this view (two or three times a page), which re-rendered antd's
  // menus, dialogs and inputs up here each time
  const viewSwitcher = useMemo(
    () => (
      <ViewSwitcher
        app={app}
        form={form}
        current={{ columns, filter, sort, q: settings.q ?? '' }}
        onApply={(view) => {
          update({
            columns: view.columns,
            filter: (view.filter as FilterState | undefined) ?? EMPTY_FILTER,
            sort: view.sort ?? null,
            q: view.q ?? '',
          });
          setSearch(view.q ?? '');
        }}
      />
    ),
    [app, form, columns, filter, sort, settings.q, update],
  );
  const searchAndFilter = useMemo(
    () => (
      <>
        <Input.Search
          allowClear
          placeholder={t('records:list.searchPlaceholder')}
          aria-label={t('records:list.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            update({ q: e.target.value });
          }}
          style={{ width: 'min(280px, 100%)' }}
        />
        <FilterBuilder fields={fields} scope={scope} value={filter} onChange={(f) => update({ filter: f })} />
      </>
    ),
    [t, search, fields, scope, filter, update],
  );
  const sortParam = params.sort;
  const tools = useMemo(() => {
    const exportUrl = (format: 'csv' | 'xlsx') =>
      recordsApi.exportUrl(app, form, {
        format,
        lang: locale,
        filter: logic,
        sort: sortParam,
        columns: columns.map((c) => c.key),
      });
    return (
      <Space size={4}>
        <Button
          icon={<ReloadOutlined />}
          aria-label={t('shared:action.reload')}
          onClick={() => refetch()}
          loading={reloading}
        />
        <Dropdown
          menu={{
            items: [
              {
                key: 'xlsx',
                label: (
                  <a href={exportUrl('xlsx')} download>
                    {t('records:export.xlsx')}
                  </a>
                ),
              },
              {
                key: 'csv',
                label: (
                  <a href={exportUrl('csv')} download>
                    {t('records:export.csv')}
                  </a>
                ),
              },
            ],
          }}
        >
          <Button icon={<DownloadOutlined />}>{t('records:export.button')}</Button>
        </Dropdown>
        {canImport && <ImportWizard app={app} form={form} definition={definition} />}
        <ColumnChooser
          fields={fields}
          columns={columns}
          onChange={(c) => update({ columns: c })}
          onReset={() => update({ columns: defaultColumns(definition) })}
        />
      </Space>
    );
  }, [
    t,
    app,
    form,
    locale,
    logic,
    sortParam,
    columns,
    refetch,
    reloading,
    canImport,
    definition,
    fields,
    update,
  ]);

  const totalText = useMemo(
    () =>
      total !== undefined
        ? t('records:list.total', { count: total, formatted: formatNumber(total, locale, 0) })
        : '',
    [t, total, locale],
  );
  const create = useMemo(
    () => (
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => navigate(`/apps/${app}/forms/${form}/new`)}
      >
        {t('shared:action.create')}
      </Button>
    ),
    [t, navigate, app, form],
  );

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0, marginRight: 8 }}>
          {label(definition.title, form)}
        </Typography.Title>
        {viewSwitcher}
        <Typography.Text type="secondary" className="tabular" aria-live="polite">
          {totalText}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {create}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        {searchAndFilter}
        <div style={{ flex: 1 }} />
        {selected.size > 0 && (
          <BulkActions
            app={app}
            form={form}
            rows={rows.filter((r) => selected.has(r.id))}
            fields={definition.fields}
            scope={scope}
            onDone={() => setSelected(new Set())}
          />
        )}
        {selected.size > 0 && (
          <PrintButton
            app={app}
            form={form}
            size="small"
            recordIds={rows.filter((r) => selected.has(r.id)).map((r) => r.id)}
          />
        )}
        {tools}
      </div>
      {pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : (
        <RecordGrid
          rows={rows}
          columns={columns}
          fields={byKey}
          scope={scope}
          sort={sort}
          onSort={sortBy}
          onResize={resize}
          hasMore={Boolean(pages.hasNextPage)}
          loadingMore={pages.isFetchingNextPage}
          onLoadMore={loadMore}
          onOpen={open}
          selected={selected}
          onSelect={setSelected}
          loading={pages.isPending}
          height={height}
        />
      )}
    </div>
  );
}
