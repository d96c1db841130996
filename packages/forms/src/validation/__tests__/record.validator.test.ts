import { type FieldErrorCode, fieldErrorMessage, isFieldErrorCode } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { everyFieldTypeForm } from '../../__fixtures__/every-field-type.form';
import { customerForm, orderForm } from '../../records/__fixtures__/sales.forms';
import { formRuntime } from '../../records/form-runtime';
import { applyDefaults } from '../../records/record-defaults';
import type { RecordValues } from '../../records/record-value.mapper';
import type { FieldError } from '../../records/records.error';
import { checkRecord } from '../record.validator';

const ctx = { now: new Date('2026-03-09T10:00:00Z'), timeZone: 'UTC' };
const user = { id: '00000000-0000-4000-8000-000000000001' };
const order = formRuntime({
  appKey: 'sales',
  formId: 'f-order',
  versionId: 'v-order',
  version: 1,
  definition: orderForm,
});
const customer = formRuntime({
  appKey: 'sales',
  formId: 'f-cust',
  versionId: 'v-cust',
  version: 1,
  definition: customerForm,
});
const every = formRuntime({
  appKey: 'crm',
  formId: 'f-every',
  versionId: 'v-every',
  version: 1,
  definition: everyFieldTypeForm,
});

const CUSTOMER_ID = '11111111-1111-4111-8111-111111111111';
const item = { product: 'Bolt', qty: 2, price: { amount: '1.50', currency: 'CNY' } };
const validOrder = { customer: CUSTOMER_ID, items: [item] };

/**
 * Every error carries a catalogued code whose English text (from its params) is the message —
 * checked on every case of this file — then compared by path and message.
 */
function plain(errors: readonly FieldError[]): Array<{ path: string; message: string }> {
  for (const e of errors) {
    expect(isFieldErrorCode(e.code), `${e.path}: ${e.message} has no code`).toBe(true);
    expect(fieldErrorMessage(e.code as FieldErrorCode, e.params), e.path).toBe(e.message);
  }
  return errors.map(({ path, message }) => ({ path, message }));
}

function checkCreate(runtime: typeof order, input: RecordValues, systemWrite = false) {
  const merged = applyDefaults(runtime.main, input, user, ctx);
  return checkRecord(runtime, { input, merged, current: null, user, ctx, systemWrite });
}

const create = (runtime: typeof order, input: RecordValues, systemWrite = false) =>
  plain(checkCreate(runtime, input, systemWrite));

describe('record validation (create)', () => {
  it('accepts a valid order', () => {
    expect(create(order, validOrder)).toEqual([]);
  });

  it.each<[string, RecordValues, Array<{ path: string; message: string }>]>([
    [
      'a missing link and no rows',
      {},
      [
        { path: 'items', message: 'must have at least 1 rows' },
        { path: 'customer', message: 'is required' },
      ],
    ],
    [
      'too few rows',
      { customer: CUSTOMER_ID, items: [] },
      [{ path: 'items', message: 'must have at least 1 rows' }],
    ],
    [
      'row errors by index',
      {
        customer: CUSTOMER_ID,
        items: [
          item,
          { qty: 0, price: { amount: '1.234' } },
          { product: 'x', qty: 'two', price: item.price },
        ],
      },
      [
        { path: 'items[1].qty', message: 'must be at least 1' },
        {
          path: 'items[1].price.amount',
          message: 'must be a decimal string with at most 16 digits before and 2 after the point',
        },
        { path: 'items[2].qty', message: 'must be a whole number' },
        { path: 'items[1].product', message: 'is required' },
      ],
    ],
    [
      'a negative money amount',
      { ...validOrder, items: [{ ...item, price: { amount: '-1.00' } }] },
      [{ path: 'items[0].price.amount', message: 'must be at least 0' }],
    ],
    [
      'a bad option, link id, number and unknown key',
      { ...validOrder, status: 'shipped', customer: 'abc', discount: -1, colour: 'red' },
      [
        { path: 'colour', message: 'is not a field of this form' },
        { path: 'customer', message: 'must be a record id (uuid)' },
        { path: 'discount', message: 'must be at least 0' },
        { path: 'status', message: 'must be one of: draft, confirmed, cancelled' },
      ],
    ],
    [
      'requiredWhen true',
      { ...validOrder, status: 'cancelled' },
      [{ path: 'cancel_reason', message: 'is required' }],
    ],
    [
      'visible and required',
      { ...validOrder, rush: true },
      [{ path: 'rush_reason', message: 'is required' }],
    ],
    [
      'pattern, URL and phone formats',
      { ...validOrder, ref: 'x1', website: 'ftp://x.org', phone: 'call me' },
      [
        { path: 'ref', message: 'must match the pattern ^[A-Z]{2}-\\d+$' },
        { path: 'website', message: 'must be an http or https URL' },
        { path: 'phone', message: 'must be a phone number' },
      ],
    ],
    [
      'a computed field',
      { ...validOrder, total: 5, number: 'SO-1' },
      [
        { path: 'number', message: 'is computed and cannot be set' },
        { path: 'total', message: 'is computed and cannot be set' },
      ],
    ],
  ])('reports %s', (_what, input, expected) => {
    expect(sortErrors(create(order, input))).toEqual(sortErrors(expected));
  });

  it('does not require a hidden field, and accepts a cleared optional one', () => {
    expect(create(order, { ...validOrder, rush: false, ref: null })).toEqual([]);
  });

  it('refuses a person a read-only field that the input tries to change; a flow or rule sets it', () => {
    expect(create(customer, { name: 'Acme', segment: 'vip' })).toEqual([
      { path: 'segment', message: 'is read-only: a flow or rule sets it' },
    ]);
    // the value a new record gets anyway (its constant default) is not a change
    expect(create(customer, { name: 'Acme', segment: 'new' })).toEqual([]);
    expect(create(customer, { name: 'Acme', segment: 'vip' }, true)).toEqual([]);
    // computed fields stay the engine's, whoever writes
    expect(create(customer, { name: 'Acme', code: 'C-9' }, true)).toEqual([
      { path: 'code', message: 'is computed and cannot be set' },
    ]);
    expect(create(customer, { name: 'Acme', email: 'not-an-email' })).toEqual([
      { path: 'email', message: 'must be an e-mail address' },
    ]);
  });

  it('checks every field type of the every-type form', () => {
    const errors = create(every, {
      name: 'A',
      notes: 'x'.repeat(2001),
      score: 101,
      employees: 1.5,
      credit_limit: { amount: 12.5 },
      discount: 2,
      active: 'yes',
      since: '2026-02-30x',
      last_contact: 'yesterday',
      tier: 'gold',
      tags: ['vip', 'vip'],
      owner: 'me',
      region: 12,
      contacts: [{ contact_role: 'boss' }],
      email: 'a@',
      website: 'not a url',
      files: [{ name: 'a.pdf' }],
      extra: { anything: [1, 2] },
      satisfaction: 6,
      nps: 0,
    });
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        'name',
        'notes',
        'score',
        'employees',
        'credit_limit.amount',
        'discount',
        'active',
        'since',
        'last_contact',
        'tier',
        'tags',
        'owner',
        'region',
        'contacts[0].contact_role',
        'contacts[0].contact_name',
        'email',
        'website',
        'files[0].id',
        'satisfaction',
        'nps',
      ].sort(),
    );
  });
});

describe('field error codes (what a client translates)', () => {
  it('gives each error a stable code and the params its text names', () => {
    const byPath = (runtime: typeof order, input: RecordValues) =>
      Object.fromEntries(checkCreate(runtime, input).map((e) => [e.path, [e.code, e.params]]));
    expect(
      byPath(order, {
        customer: CUSTOMER_ID,
        items: [{ qty: 0, price: { amount: '1.234' } }],
        status: 'shipped',
        ref: 'x1',
        total: 5,
        colour: 'red',
      }),
    ).toEqual({
      'items[0].qty': ['FIELD_MIN', { limit: 1 }],
      'items[0].price.amount': ['FIELD_MONEY_AMOUNT', { whole: 16, scale: 2 }],
      'items[0].product': ['FIELD_REQUIRED', {}],
      status: ['FIELD_OPTION', { options: 'draft, confirmed, cancelled' }],
      ref: ['FIELD_PATTERN', { pattern: '^[A-Z]{2}-\\d+$' }],
      total: ['FIELD_COMPUTED', {}],
      colour: ['FIELD_UNKNOWN', {}],
    });
    expect(byPath(order, {})).toMatchObject({ items: ['FIELD_MIN_ROWS', { limit: 1 }] });
    expect(byPath(every, { name: 'A', satisfaction: 6, notes: 'x'.repeat(2001), email: 'a@' })).toMatchObject(
      {
        satisfaction: ['FIELD_MAX', { limit: 5 }],
        notes: ['FIELD_TOO_LONG', { limit: 2000 }],
        email: ['FIELD_EMAIL', {}],
      },
    );
  });
});

describe('numbers are range-checked against their column before writing', () => {
  const valid = { name: 'Acme' };
  it.each<[string, RecordValues, Array<{ path: string; message: string }>]>([
    [
      'an integer beyond 2^53 (not exact in JSON)',
      { ...valid, employees: 1e21 },
      [{ path: 'employees', message: 'must be at most 9007199254740991' }],
    ],
    [
      'a rating above its stars',
      { ...valid, satisfaction: 6 },
      [{ path: 'satisfaction', message: 'must be at most 5' }],
    ],
    ['a rating of 0 stars', { ...valid, nps: 0 }, [{ path: 'nps', message: 'must be at least 1' }]],
    [
      'half a star',
      { ...valid, satisfaction: 2.5 },
      [{ path: 'satisfaction', message: 'must be a whole number' }],
    ],
  ])('refuses %s', (_what, input, expected) => {
    expect(create(every, input).filter((e) => e.path !== 'contacts')).toEqual(expected);
  });

  it('accepts the largest exact integer and a 1–10 score', () => {
    expect(create(every, { ...valid, employees: 9007199254740991, nps: 10, satisfaction: 1 })).toEqual([]);
  });
});

describe('record validation (update)', () => {
  const current = { ...validOrder, status: 'draft', cancel_reason: null, total: 3, number: 'SO2603-0001' };
  const update = (patch: RecordValues) =>
    plain(checkRecord(order, { input: patch, merged: { ...current, ...patch }, current, user, ctx }));

  it('checks conditions on the merged record', () => {
    expect(update({ status: 'cancelled' })).toEqual([{ path: 'cancel_reason', message: 'is required' }]);
    expect(update({ status: 'cancelled', cancel_reason: 'no stock' })).toEqual([]);
    expect(update({ customer: null })).toEqual([{ path: 'customer', message: 'is required' }]);
  });

  it('accepts a computed field sent back unchanged, refuses a changed one', () => {
    expect(update({ total: 3, number: 'SO2603-0001' })).toEqual([]);
    expect(update({ total: 4 })).toEqual([{ path: 'total', message: 'is computed and cannot be set' }]);
  });
});

describe('a read-only choice with the changes a person may make (userTransitions)', () => {
  const options = ['draft', 'pending_approval', 'approved'].map((value) => ({ value, label: { en: value } }));
  const quote = formRuntime({
    appKey: 'sales',
    formId: 'f-quote',
    versionId: 'v-quote',
    version: 1,
    definition: {
      key: 'quote',
      title: { en: 'Quote' },
      fields: [
        {
          id: 'q1',
          key: 'status',
          label: { en: 'Status' },
          type: 'single_select',
          options,
          default: 'draft',
          readOnly: true,
          userTransitions: { draft: ['pending_approval'] },
        },
      ],
    },
  });
  const write = (current: RecordValues | null, input: RecordValues, systemWrite = false) =>
    plain(checkRecord(quote, { input, merged: { ...current, ...input }, current, user, ctx, systemWrite }));

  it('a person submits a draft, and nothing else; a flow or rule sets any value', () => {
    expect(write({ status: 'draft' }, { status: 'pending_approval' })).toEqual([]);
    expect(write(null, { status: 'pending_approval' })).toEqual([]); // created as submitted
    expect(write({ status: 'draft' }, { status: 'approved' })).toEqual([
      { path: 'status', message: 'may only become "pending_approval" here: a flow or rule sets the rest' },
    ]);
    expect(write({ status: 'pending_approval' }, { status: 'draft' })).toEqual([
      { path: 'status', message: 'is read-only: a flow or rule sets it' },
    ]);
    expect(write({ status: 'pending_approval' }, { status: 'approved' }, true)).toEqual([]);
  });
});

function sortErrors(errors: ReadonlyArray<{ path: string; message: string }>) {
  return [...errors].sort((a, b) => (a.path + a.message).localeCompare(b.path + b.message));
}
