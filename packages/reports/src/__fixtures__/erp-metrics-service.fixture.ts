import type { MetricCase } from './erp-metrics.fixture';

const O = 'from app_erp.sales_order o where o.deleted_at is null';
const T = 'from app_erp.service_ticket t where t.deleted_at is null';

/** R20 service, R21 delivery, R28 efficiency, R29 cross-sell. */
export const SERVICE_AND_DELIVERY_METRICS: readonly MetricCase[] = [
  {
    requirement: 'R20',
    key: 'service_count',
    query: {
      source: 'service_ticket',
      dimensions: [
        { key: 'month', field: 'opened_at', bucket: 'month' },
        { key: 'channel', field: 'channel' },
      ],
      measures: [{ key: 'tickets', agg: 'count' }],
      dateRange: { field: 'opened_at', relative: 'this_year' },
    },
    sql: `select date_trunc('month', opened_at at time zone 'Asia/Shanghai')::date as month, channel, count(*) as tickets ${T}
          and opened_at >= timestamptz '2026-01-01 00:00+08' and opened_at < timestamptz '2027-01-01 00:00+08' group by 1, 2`,
  },
  {
    requirement: 'R20',
    key: 'response_and_resolution_time',
    query: {
      source: 'service_ticket',
      dimensions: [{ key: 'channel', field: 'channel' }],
      measures: [
        {
          key: 'first_response_hours',
          agg: 'duration',
          from: 'opened_at',
          to: 'first_response_at',
          unit: 'hours',
        },
        { key: 'resolution_hours', agg: 'duration', from: 'opened_at', to: 'resolved_at', unit: 'hours' },
      ],
    },
    sql: `select channel, avg(extract(epoch from first_response_at - opened_at)) / 3600 as first_response_hours,
                 avg(extract(epoch from resolved_at - opened_at)) / 3600 as resolution_hours ${T} group by 1`,
  },
  {
    requirement: 'R20 R29',
    key: 'nps',
    query: {
      source: 'service_ticket',
      measures: [
        { key: 'responses', agg: 'count', where: { '!=': [{ var: 'nps_score' }, null] } },
        { key: 'promoters', agg: 'count', where: { '>=': [{ var: 'nps_score' }, 9] } },
        { key: 'detractors', agg: 'count', where: { '<=': [{ var: 'nps_score' }, 6] } },
        { key: 'promoter_share', agg: 'ratio', numerator: 'promoters', denominator: 'responses' },
        { key: 'detractor_share', agg: 'ratio', numerator: 'detractors', denominator: 'responses' },
        { key: 'nps', agg: 'arithmetic', op: 'subtract', left: 'promoter_share', right: 'detractor_share' },
      ],
    },
    sql: `select count(nps_score) as responses, count(*) filter (where nps_score >= 9) as promoters,
                 count(*) filter (where nps_score <= 6) as detractors,
                 (count(*) filter (where nps_score >= 9))::float8 / count(nps_score) as promoter_share,
                 (count(*) filter (where nps_score <= 6))::float8 / count(nps_score) as detractor_share,
                 (count(*) filter (where nps_score >= 9) - count(*) filter (where nps_score <= 6))::float8 / count(nps_score) as nps ${T}`,
  },
  {
    requirement: 'R21 R30',
    key: 'on_time_delivery_rate',
    query: {
      source: 'shipment',
      measures: [
        { key: 'delivered', agg: 'count', where: { '!=': [{ var: 'delivered_date' }, null] } },
        {
          key: 'on_time',
          agg: 'count',
          where: { '<=': [{ var: 'delivered_date' }, { var: 'promised_date' }] },
        },
        { key: 'otd', agg: 'ratio', numerator: 'on_time', denominator: 'delivered', format: 'percent' },
      ],
    },
    sql: `select count(delivered_date) as delivered, count(*) filter (where delivered_date <= promised_date) as on_time,
                 (count(*) filter (where delivered_date <= promised_date))::float8 / count(delivered_date) as otd
          from app_erp.shipment where deleted_at is null`,
  },
  {
    requirement: 'R21',
    key: 'mean_delivery_cycle',
    query: {
      source: 'shipment',
      joins: [{ as: 'order', path: 'order' }],
      measures: [
        { key: 'days', agg: 'duration', from: 'order.order_date', to: 'delivered_date', unit: 'days' },
      ],
    },
    sql: `select avg(s.delivered_date - o.order_date) as days from app_erp.shipment s
          left join app_erp.sales_order o on o.id = s."order" and o.deleted_at is null where s.deleted_at is null`,
  },
  {
    requirement: 'R21',
    key: 'return_rate',
    query: {
      source: 'shipment',
      measures: [
        { key: 'shipments', agg: 'count' },
        { key: 'returns', agg: 'count', where: { '==': [{ var: 'returned' }, true] } },
        { key: 'return_rate', agg: 'ratio', numerator: 'returns', denominator: 'shipments' },
      ],
    },
    sql: `select count(*) as shipments, count(*) filter (where returned) as returns, avg(returned::int) as return_rate
          from app_erp.shipment where deleted_at is null`,
  },
  {
    requirement: 'R21',
    key: 'quality_return_share',
    query: {
      source: 'shipment',
      joins: [{ as: 'qc', form: 'quality_check', link: 'shipment' }],
      filter: { '==': [{ var: 'returned' }, true] },
      measures: [
        { key: 'returns', agg: 'count_distinct', field: 'id' },
        {
          key: 'quality_returns',
          agg: 'count_distinct',
          field: 'id',
          where: {
            or: [{ '==': [{ var: 'return_reason' }, 'quality'] }, { '==': [{ var: 'qc.result' }, 'fail'] }],
          },
        },
        { key: 'quality_share', agg: 'ratio', numerator: 'quality_returns', denominator: 'returns' },
      ],
    },
    sql: `select count(distinct s.id) as returns,
                 count(distinct s.id) filter (where s.return_reason = 'quality' or q.result = 'fail') as quality_returns,
                 (count(distinct s.id) filter (where s.return_reason = 'quality' or q.result = 'fail'))::float8 / count(distinct s.id) as quality_share
          from app_erp.shipment s left join app_erp.quality_check q on q.shipment = s.id and q.deleted_at is null
          where s.deleted_at is null and s.returned`,
  },
  {
    requirement: 'R28',
    key: 'order_cycle_time',
    query: {
      source: 'sales_order',
      filter: { '==': [{ var: 'status' }, 'shipped'] },
      measures: [
        { key: 'days', agg: 'duration', from: 'order_date', to: 'shipped_at', unit: 'days' },
        { key: 'p90_days', agg: 'duration', from: 'order_date', to: 'shipped_at', unit: 'days', stat: 'max' },
      ],
    },
    sql: `select avg(extract(epoch from shipped_at - (order_date::timestamp at time zone 'Asia/Shanghai'))) / 86400 as days,
                 max(extract(epoch from shipped_at - (order_date::timestamp at time zone 'Asia/Shanghai'))) / 86400 as p90_days
          ${O} and status = 'shipped'`,
  },
  {
    requirement: 'R28',
    key: 'quote_approval_time',
    query: {
      source: 'quote',
      measures: [{ key: 'hours', agg: 'duration', from: 'submitted_at', to: 'approved_at', unit: 'hours' }],
    },
    sql: `select avg(extract(epoch from approved_at - submitted_at)) / 3600 as hours from app_erp.quote where deleted_at is null`,
  },
  {
    requirement: 'R29',
    key: 'cross_sell_rate',
    query: {
      source: 'sales_order',
      joins: [
        { as: 'items', path: 'items', required: true },
        { as: 'product', path: 'items.product', required: true },
      ],
      stage: {
        dimensions: [{ key: 'customer', field: 'customer' }],
        measures: [{ key: 'categories', agg: 'count_distinct', field: 'product.category' }],
      },
      measures: [
        { key: 'buyers', agg: 'count' },
        { key: 'cross_buyers', agg: 'count', where: { '>=': [{ var: 'categories' }, 2] } },
        { key: 'cross_sell_rate', agg: 'ratio', numerator: 'cross_buyers', denominator: 'buyers' },
      ],
    },
    sql: `select count(*) as buyers, count(*) filter (where k >= 2) as cross_buyers, avg((k >= 2)::int) as cross_sell_rate
          from (select o.customer, count(distinct p.category) k from app_erp.sales_order o
                join app_erp.sales_order__items i on i.parent_id = o.id join app_erp.product p on p.id = i.product and p.deleted_at is null
                where o.deleted_at is null group by 1) s`,
  },
];
