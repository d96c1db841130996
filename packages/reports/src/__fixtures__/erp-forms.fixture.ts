import type { FieldDefinition, FormDefinition } from '@tessera/schema';

const l = (en: string) => ({ en });
const select = (id: string, key: string, values: readonly string[]): FieldDefinition => ({
  id,
  key,
  type: 'single_select',
  label: l(key),
  options: values.map((value) => ({ value, label: l(value) })),
});

/** Small but realistic ERP forms the report tests and the metric catalogue run on. */
export const customerForm: FormDefinition = {
  key: 'customer',
  title: l('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: l('Name'), required: true },
    select('c2', 'tier', ['strategic', 'key', 'normal']),
    select('c3', 'region', ['east', 'west', 'north', 'south']),
    { id: 'c4', key: 'since', type: 'date', label: l('Since') },
  ],
};

export const productForm: FormDefinition = {
  key: 'product',
  title: l('Product'),
  fields: [
    { id: 'p1', key: 'name', type: 'text', label: l('Name'), required: true },
    select('p2', 'category', ['hardware', 'software', 'service']),
  ],
};

export const orderForm: FormDefinition = {
  key: 'sales_order',
  title: l('Sales order'),
  fields: [
    { id: 'o1', key: 'order_no', type: 'text', label: l('Order no') },
    { id: 'o2', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' },
    { id: 'o3', key: 'order_date', type: 'date', label: l('Order date') },
    select('o4', 'status', ['confirmed', 'shipped', 'cancelled']),
    { id: 'o5', key: 'total', type: 'money', label: l('Total'), currency: 'CNY' },
    { id: 'o6', key: 'shipped_at', type: 'datetime', label: l('Shipped at') },
    { id: 'o7', key: 'discount', type: 'percent', label: l('Discount') },
    { id: 'o8', key: 'item_count', type: 'integer', label: l('Items') },
    {
      id: 'o9',
      key: 'items',
      type: 'line_items',
      label: l('Items'),
      fields: [
        { id: 'i1', key: 'product', type: 'link', label: l('Product'), form: 'product' },
        { id: 'i2', key: 'quantity', type: 'integer', label: l('Quantity') },
        { id: 'i3', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY' },
      ],
    },
  ],
};

export const receivableForm: FormDefinition = {
  key: 'receivable',
  title: l('Receivable'),
  fields: [
    { id: 'r1', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' },
    { id: 'r2', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY' },
    { id: 'r3', key: 'paid_amount', type: 'money', label: l('Paid'), currency: 'CNY' },
    { id: 'r4', key: 'invoice_date', type: 'date', label: l('Invoice date') },
    { id: 'r5', key: 'due_date', type: 'date', label: l('Due date') },
    { id: 'r6', key: 'paid_date', type: 'date', label: l('Paid date') },
    select('r7', 'status', ['open', 'paid']),
  ],
};

export const ticketForm: FormDefinition = {
  key: 'service_ticket',
  title: l('Service ticket'),
  fields: [
    { id: 't1', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' },
    select('t2', 'channel', ['phone', 'email', 'portal']),
    { id: 't3', key: 'opened_at', type: 'datetime', label: l('Opened at') },
    { id: 't4', key: 'first_response_at', type: 'datetime', label: l('First response') },
    { id: 't5', key: 'resolved_at', type: 'datetime', label: l('Resolved at') },
    { id: 't6', key: 'nps_score', type: 'integer', label: l('Would recommend (0-10)'), min: 0, max: 10 },
  ],
};

export const shipmentForm: FormDefinition = {
  key: 'shipment',
  title: l('Shipment'),
  fields: [
    { id: 's1', key: 'order', type: 'link', label: l('Order'), form: 'sales_order' },
    { id: 's2', key: 'promised_date', type: 'date', label: l('Promised') },
    { id: 's3', key: 'delivered_date', type: 'date', label: l('Delivered') },
    { id: 's4', key: 'returned', type: 'boolean', label: l('Returned') },
    select('s5', 'return_reason', ['quality', 'damaged', 'wrong_item']),
  ],
};

export const qualityCheckForm: FormDefinition = {
  key: 'quality_check',
  title: l('Quality check'),
  fields: [
    { id: 'q1', key: 'shipment', type: 'link', label: l('Shipment'), form: 'shipment' },
    select('q2', 'result', ['pass', 'fail']),
    select('q3', 'defect', ['none', 'cosmetic', 'functional']),
  ],
};

export const quoteForm: FormDefinition = {
  key: 'quote',
  title: l('Quote'),
  fields: [
    { id: 'u1', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' },
    { id: 'u2', key: 'submitted_at', type: 'datetime', label: l('Submitted') },
    { id: 'u3', key: 'approved_at', type: 'datetime', label: l('Approved') },
    { id: 'u4', key: 'amount', type: 'money', label: l('Amount'), currency: 'CNY' },
  ],
};

/** In dependency order (links point backwards). */
export const ERP_FORMS: readonly FormDefinition[] = [
  customerForm,
  productForm,
  orderForm,
  receivableForm,
  ticketForm,
  shipmentForm,
  qualityCheckForm,
  quoteForm,
];

export const ERP_APP = 'erp';
