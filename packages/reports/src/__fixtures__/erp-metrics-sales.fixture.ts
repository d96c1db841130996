import type { MetricCase } from './erp-metrics.fixture';

const notCancelled = { '!=': [{ var: 'status' }, 'cancelled'] };
const overdue = { '<': [{ var: 'due_date' }, { today: [] }] };
const outstanding = [
  { key: 'amount', agg: 'sum', field: 'amount' },
  { key: 'paid', agg: 'sum', field: 'paid_amount' },
  { key: 'outstanding', agg: 'arithmetic', op: 'subtract', left: 'amount', right: 'paid' },
] as const;
const daysOverdue = { days_since: [{ var: 'due_date' }] };
const O = 'from app_erp.sales_order o where o.deleted_at is null';
const R = `from app_erp.receivable r where r.deleted_at is null and r.status = 'open'`;
const TODAY = `date '2026-11-27'`;

/** R18 sales and R19 receivables. */
export const SALES_AND_RECEIVABLE_METRICS: readonly MetricCase[] = [
  {
    requirement: 'R18',
    key: 'order_total',
    query: {
      source: 'sales_order',
      filter: notCancelled,
      measures: [{ key: 'order_total', agg: 'sum', field: 'total' }],
    },
    sql: `select sum(total) as order_total ${O} and status <> 'cancelled'`,
  },
  {
    requirement: 'R18 R29',
    key: 'repurchase_rate',
    query: {
      source: 'sales_order',
      filter: notCancelled,
      stage: {
        dimensions: [{ key: 'customer', field: 'customer' }],
        measures: [{ key: 'orders', agg: 'count' }],
      },
      measures: [
        { key: 'buyers', agg: 'count' },
        { key: 'repeat_buyers', agg: 'count', where: { '>=': [{ var: 'orders' }, 2] } },
        {
          key: 'repurchase_rate',
          agg: 'ratio',
          numerator: 'repeat_buyers',
          denominator: 'buyers',
          format: 'percent',
        },
      ],
    },
    sql: `select count(*) as buyers, count(*) filter (where n >= 2) as repeat_buyers, avg((n >= 2)::int) as repurchase_rate
          from (select customer, count(*) n ${O} and status <> 'cancelled' group by customer) s`,
  },
  {
    requirement: 'R18',
    key: 'average_order_value',
    query: {
      source: 'sales_order',
      filter: notCancelled,
      dimensions: [{ key: 'quarter', field: 'order_date', bucket: 'quarter' }],
      measures: [{ key: 'aov', agg: 'avg', field: 'total', format: 'money' }],
    },
    sql: `select date_trunc('quarter', order_date)::date as quarter, avg(total) as aov ${O} and status <> 'cancelled' group by 1`,
  },
  {
    requirement: 'R18',
    key: 'order_count_trend',
    query: {
      source: 'sales_order',
      dimensions: [{ key: 'month', field: 'order_date', bucket: 'month' }],
      measures: [{ key: 'orders', agg: 'count' }],
      dateRange: { field: 'order_date', last: { amount: 12, unit: 'months' } },
    },
    sql: `select date_trunc('month', order_date)::date as month, count(*) as orders ${O}
          and order_date >= date '2025-11-28' and order_date < date '2026-11-28' group by 1`,
  },
  {
    requirement: 'R18',
    key: 'product_ranking',
    query: {
      source: 'sales_order',
      filter: notCancelled,
      joins: [
        { as: 'items', path: 'items', required: true },
        { as: 'product', path: 'items.product', required: true },
      ],
      dimensions: [{ key: 'product', field: 'product.name' }],
      measures: [
        { key: 'revenue', agg: 'sum', field: 'items.amount' },
        { key: 'quantity', agg: 'sum', field: 'items.quantity' },
      ],
      sort: [
        { by: 'revenue', direction: 'desc' },
        { by: 'product', direction: 'asc' },
      ],
      limit: 10,
    },
    sql: `select p.name as product, sum(i.amount) as revenue, sum(i.quantity) as quantity
          from app_erp.sales_order o join app_erp.sales_order__items i on i.parent_id = o.id
          join app_erp.product p on p.id = i.product and p.deleted_at is null
          where o.deleted_at is null and o.status <> 'cancelled' group by 1 order by 2 desc, 1 limit 10`,
  },
  {
    requirement: 'R19',
    key: 'total_receivable',
    query: {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'open'] },
      measures: [...outstanding],
    },
    sql: `select sum(amount) as amount, sum(paid_amount) as paid, sum(amount) - sum(paid_amount) as outstanding ${R}`,
  },
  {
    requirement: 'R19',
    key: 'aging_buckets',
    query: {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'open'] },
      dimensions: [
        {
          key: 'aging',
          cases: [
            { when: { '<=': [daysOverdue, 0] }, value: 'not due' },
            { when: { '<=': [daysOverdue, 30] }, value: '1-30' },
            { when: { '<=': [daysOverdue, 60] }, value: '31-60' },
            { when: { '<=': [daysOverdue, 90] }, value: '61-90' },
          ],
          else: '>90',
        },
      ],
      measures: [...outstanding],
    },
    sql: `select case when ${TODAY} - due_date <= 0 then 'not due' when ${TODAY} - due_date <= 30 then '1-30'
                 when ${TODAY} - due_date <= 60 then '31-60' when ${TODAY} - due_date <= 90 then '61-90' else '>90' end as aging,
                 sum(amount) as amount, sum(paid_amount) as paid, sum(amount) - sum(paid_amount) as outstanding ${R} group by 1`,
  },
  {
    requirement: 'R19 R30',
    key: 'overdue_rate',
    query: {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'open'] },
      measures: [
        ...outstanding,
        { key: 'overdue_amount', agg: 'sum', field: 'amount', where: overdue },
        { key: 'overdue_paid', agg: 'sum', field: 'paid_amount', where: overdue },
        {
          key: 'overdue_total',
          agg: 'arithmetic',
          op: 'subtract',
          left: 'overdue_amount',
          right: 'overdue_paid',
        },
        {
          key: 'overdue_rate',
          agg: 'ratio',
          numerator: 'overdue_total',
          denominator: 'outstanding',
          format: 'percent',
        },
      ],
    },
    sql: `select sum(amount) as amount, sum(paid_amount) as paid, sum(amount - paid_amount) as outstanding,
                 sum(amount) filter (where due_date < ${TODAY}) as overdue_amount,
                 sum(paid_amount) filter (where due_date < ${TODAY}) as overdue_paid,
                 sum(amount - paid_amount) filter (where due_date < ${TODAY}) as overdue_total,
                 sum(amount - paid_amount) filter (where due_date < ${TODAY}) / sum(amount - paid_amount) as overdue_rate ${R}`,
  },
  {
    requirement: 'R19',
    key: 'mean_collection_period',
    query: {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'paid'] },
      measures: [{ key: 'days', agg: 'duration', from: 'invoice_date', to: 'paid_date', unit: 'days' }],
    },
    sql: `select avg(paid_date - invoice_date) as days from app_erp.receivable where deleted_at is null and status = 'paid'`,
  },
];
