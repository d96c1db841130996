import type { MetricCase } from './erp-metrics.fixture';

const early = {
  '<': [{ date_diff: [{ var: 'order_date' }, { start_of: [{ var: 'order_date' }, 'quarter'] }, 'day'] }, 15],
};

/** R23 the 360° customer view and R24 segmentation signals. */
export const INSIGHT_METRICS: readonly MetricCase[] = [
  {
    requirement: 'R23',
    key: 'customer_payment_habits',
    query: {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'paid'] },
      dimensions: [{ key: 'customer', field: 'customer.name' }],
      measures: [
        { key: 'invoices', agg: 'count' },
        { key: 'days_late', agg: 'duration', from: 'due_date', to: 'paid_date', unit: 'days' },
        { key: 'late', agg: 'count', where: { '>': [{ var: 'paid_date' }, { var: 'due_date' }] } },
        { key: 'late_share', agg: 'ratio', numerator: 'late', denominator: 'invoices' },
      ],
    },
    sql: `select c.name as customer, count(*) as invoices, avg(r.paid_date - r.due_date) as days_late,
                 count(*) filter (where r.paid_date > r.due_date) as late,
                 avg((r.paid_date > r.due_date)::int) as late_share
          from app_erp.receivable r left join app_erp.customer c on c.id = r.customer and c.deleted_at is null
          where r.deleted_at is null and r.status = 'paid' group by 1`,
  },
  {
    requirement: 'R23',
    key: 'customer_delivery_profile',
    query: {
      source: 'shipment',
      joins: [
        { as: 'order', path: 'order' },
        { as: 'customer', path: 'order.customer' },
      ],
      dimensions: [{ key: 'customer', field: 'customer.name' }],
      measures: [
        { key: 'shipments', agg: 'count' },
        { key: 'cycle_days', agg: 'duration', from: 'order.order_date', to: 'delivered_date', unit: 'days' },
        { key: 'returns', agg: 'count', where: { '==': [{ var: 'returned' }, true] } },
        { key: 'return_rate', agg: 'ratio', numerator: 'returns', denominator: 'shipments' },
      ],
    },
    sql: `select c.name as customer, count(*) as shipments, avg(s.delivered_date - o.order_date) as cycle_days,
                 count(*) filter (where s.returned) as returns, avg(s.returned::int) as return_rate
          from app_erp.shipment s left join app_erp.sales_order o on o.id = s."order" and o.deleted_at is null
          left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
          where s.deleted_at is null group by 1`,
  },
  {
    requirement: 'R24',
    key: 'quarter_start_buyers',
    query: {
      source: 'sales_order',
      stage: {
        dimensions: [{ key: 'customer', field: 'customer' }],
        measures: [
          { key: 'orders', agg: 'count' },
          { key: 'early_orders', agg: 'count', where: early },
          { key: 'early_share', agg: 'ratio', numerator: 'early_orders', denominator: 'orders' },
        ],
      },
      measures: [
        { key: 'customers', agg: 'count' },
        {
          key: 'clustered',
          agg: 'count',
          where: { and: [{ '>=': [{ var: 'orders' }, 5] }, { '>=': [{ var: 'early_share' }, 0.25] }] },
        },
      ],
    },
    sql: `select count(*) as customers, count(*) filter (where n >= 5 and e::float8 / n >= 0.25) as clustered
          from (select customer, count(*) n, count(*) filter (where order_date - date_trunc('quarter', order_date)::date < 15) e
                from app_erp.sales_order where deleted_at is null group by 1) s`,
  },
  {
    requirement: 'R24',
    key: 'preferred_products',
    query: {
      source: 'sales_order',
      joins: [
        { as: 'items', path: 'items', required: true },
        { as: 'product', path: 'items.product', required: true },
      ],
      dimensions: [
        { key: 'customer', field: 'customer.name' },
        { key: 'product', field: 'product.name' },
      ],
      measures: [{ key: 'quantity', agg: 'sum', field: 'items.quantity' }],
      sort: [
        { by: 'quantity', direction: 'desc' },
        { by: 'customer', direction: 'asc' },
        { by: 'product', direction: 'asc' },
      ],
      limit: 20,
    },
    sql: `select c.name as customer, p.name as product, sum(i.quantity) as quantity
          from app_erp.sales_order o join app_erp.sales_order__items i on i.parent_id = o.id
          join app_erp.product p on p.id = i.product and p.deleted_at is null
          left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
          where o.deleted_at is null group by 1, 2 order by 3 desc, 1 nulls last, 2 limit 20`,
  },
];
