import type { PivotTable } from '@tessera/charts';
import type { QueryModel } from '@tessera/schema';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportResult } from '../../../api/reports.api';
import { type DrillRequest, drillable } from '../drill/drill-request';
import { useKnownValues } from '../model/known-values.context';
import type { WidgetLabels } from '../model/use-widget-labels';

type Row = Readonly<Record<string, unknown>> & { readonly __key: number };

/** A result as a table: dimensions named, figures formatted; a row opens the records behind it. */
export function TableWidget({
  result,
  query,
  labels,
  title,
  onDrill,
}: {
  result: ReportResult;
  query: QueryModel | undefined;
  labels: WidgetLabels;
  title: string;
  onDrill: (request: DrillRequest) => void;
}) {
  const { t } = useTranslation();
  const known = useKnownValues();
  const rows: Row[] = result.rows.filter((r) => !r.__grouping).map((r, i) => ({ ...r, __key: i }));
  const dims = result.columns.filter((c) => c.role === 'dimension');
  const obvious = (key: string) => rows.length > 0 && rows.every((r) => known.has(String(r[key])));
  const columns = result.columns.filter(
    (c) => c.role === 'measure' || (c.role === 'dimension' && !obvious(c.key)),
  );
  const firstShown = columns.find((c) => c.role === 'dimension')?.key;
  const open = (row: Row) => {
    if (!drillable(query)) return;
    const point = Object.fromEntries(dims.map((d) => [d.key, row[d.key] ?? null]));
    const words = dims.map((d) => labels.dimension(d.key)(row[d.key]));
    onDrill({ query, point, title: `${title}: ${words.join(' · ')}` });
  };
  return (
    <Table<Row>
      size="small"
      rowKey="__key"
      pagination={false}
      scroll={{ x: 'max-content', y: 360 }}
      dataSource={rows}
      locale={{ emptyText: t('dashboards:widget.empty') }}
      onRow={(row) => (drillable(query) ? { onClick: () => open(row), style: { cursor: 'pointer' } } : {})}
      columns={columns.map((c) => ({
        key: c.key,
        title: labels.measure(c.key),
        align: c.role === 'measure' ? ('right' as const) : ('left' as const),
        render: (_: unknown, row: Row) =>
          c.role === 'dimension' ? (
            firstShown === c.key && drillable(query) ? (
              <button
                type="button"
                className="link-button"
                onClick={(e) => {
                  e.stopPropagation();
                  open(row);
                }}
              >
                {labels.dimension(c.key)(row[c.key])}
              </button>
            ) : (
              labels.dimension(c.key)(row[c.key])
            )
          ) : (
            <span className="tabular">{labels.figure(c.key, row[c.key])}</span>
          ),
      }))}
    />
  );
}

/** A pivot table: row headers down the side, column headers across, one figure per measure. */
export function PivotWidget({ pivot, labels }: { pivot: PivotTable; labels: WidgetLabels }) {
  const { t } = useTranslation();
  const header = (h: PivotTable['rows'][number], dims: readonly string[]) =>
    h.subtotal && h.values.every((v) => v === null)
      ? t('dashboards:value.total')
      : h.values
          .map((v, i) =>
            h.labels[i] === 'Total' && v === null
              ? t('dashboards:value.total')
              : labels.dimension(dims[i]!)(v),
          )
          .join(' · ');
  const data = pivot.rows.map((r, i) => ({
    __key: i,
    __head: header(r, pivot.rowDimensions),
    cells: pivot.cells[i],
  }));
  return (
    <Table
      size="small"
      rowKey="__key"
      pagination={false}
      scroll={{ x: 'max-content', y: 360 }}
      dataSource={data}
      columns={[
        {
          key: '__head',
          title: pivot.rowDimensions.map((d) => labels.measure(d)).join(' · '),
          dataIndex: '__head',
          fixed: 'left' as const,
        },
        ...pivot.columns.flatMap((c, ci) =>
          pivot.measures.map((m, mi) => ({
            key: `${ci}.${m}`,
            title: `${header(c, pivot.columnDimensions)}${pivot.measures.length > 1 ? ` · ${labels.measure(m)}` : ''}`,
            align: 'right' as const,
            render: (_: unknown, row: (typeof data)[number]) => (
              <span className="tabular">{labels.figure(m, row.cells?.[ci]?.[mi])}</span>
            ),
          })),
        ),
      ]}
    />
  );
}
