import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, memberRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const label = (en: string) => ({ en });
const regionForm = {
  key: 'region',
  title: label('Region'),
  fields: [{ id: 'r1', key: 'name', type: 'text', label: label('Name'), required: true }],
};
const accountForm = {
  key: 'account',
  title: label('Account'),
  fields: [
    {
      id: 'f01',
      key: 'name',
      type: 'text',
      label: label('Name'),
      required: true,
      maxLength: 100,
      minLength: 2,
    },
    { id: 'f02', key: 'notes', type: 'long_text', label: label('Notes'), maxLength: 2000 },
    { id: 'f03', key: 'profile', type: 'rich_text', label: label('Profile') },
    {
      id: 'f04',
      key: 'score',
      type: 'number',
      label: label('Score'),
      precision: 10,
      scale: 2,
      min: 0,
      max: 100,
    },
    { id: 'f05', key: 'employees', type: 'integer', label: label('Employees'), min: 0 },
    { id: 'f06', key: 'credit_limit', type: 'money', label: label('Credit limit'), currency: 'CNY' },
    { id: 'f07', key: 'discount', type: 'percent', label: label('Discount'), min: 0, max: 1 },
    { id: 'f08', key: 'active', type: 'boolean', label: label('Active'), default: true },
    { id: 'f09', key: 'since', type: 'date', label: label('Since'), default: { expr: { today: [] } } },
    { id: 'f10', key: 'last_contact', type: 'datetime', label: label('Last contact') },
    {
      id: 'f11',
      key: 'tier',
      type: 'single_select',
      label: label('Tier'),
      options: ['strategic', 'key', 'normal'].map((value) => ({ value, label: label(value) })),
    },
    {
      id: 'f12',
      key: 'tags',
      type: 'multi_select',
      label: label('Tags'),
      maxItems: 3,
      options: ['vip', 'export'].map((value) => ({ value, label: label(value) })),
    },
    { id: 'f13', key: 'owner', type: 'user', label: label('Owner'), default: { expr: { var: '$user.id' } } },
    { id: 'f14', key: 'department', type: 'department', label: label('Department') },
    { id: 'f15', key: 'approver_role', type: 'role', label: label('Approver role') },
    { id: 'f16', key: 'region', type: 'link', label: label('Region'), form: 'region', onDelete: 'set_null' },
    {
      id: 'f17',
      key: 'contacts',
      type: 'line_items',
      label: label('Contacts'),
      fields: [
        { id: 'c1', key: 'contact_name', type: 'text', label: label('Name'), required: true },
        {
          id: 'c2',
          key: 'contact_role',
          type: 'single_select',
          label: label('Role'),
          options: ['decision_maker', 'finance'].map((value) => ({ value, label: label(value) })),
        },
        { id: 'c3', key: 'phone', type: 'phone', label: label('Phone') },
      ],
    },
    { id: 'f18', key: 'code', type: 'auto_number', label: label('Code'), pattern: 'CUS-{YYYY}-{seq:5}' },
    {
      id: 'f19',
      key: 'score_band',
      type: 'formula',
      label: label('Score band'),
      resultType: 'text',
      expression: { if: [{ '>': [{ var: 'score' }, 50] }, 'high', 'low'] },
    },
    {
      id: 'f20',
      key: 'deal_count',
      type: 'rollup',
      label: label('Deals'),
      source: { form: 'deal', link: 'account' },
      aggregate: 'count',
    },
    {
      id: 'f21',
      key: 'region_name',
      type: 'lookup',
      label: label('Region name'),
      link: 'region',
      field: 'name',
    },
    { id: 'f22', key: 'email', type: 'email', label: label('E-mail'), unique: true },
    { id: 'f23', key: 'phone', type: 'phone', label: label('Phone') },
    { id: 'f24', key: 'website', type: 'url', label: label('Website') },
    { id: 'f25', key: 'files', type: 'attachment', label: label('Files'), maxFiles: 5 },
    { id: 'f26', key: 'extra', type: 'json', label: label('Extra') },
  ],
  titleField: 'f01',
  searchFields: ['f01', 'f18', 'f22'],
};
const dealForm = {
  key: 'deal',
  title: label('Deal'),
  fields: [
    { id: 'd1', key: 'account', type: 'link', label: label('Account'), form: 'account', required: true },
    { id: 'd2', key: 'amount', type: 'money', label: label('Amount'), currency: 'CNY' },
  ],
};

let t: TestApp;
let admin: Client;
let user: Client;
let adminId: string;
const base = '/api/apps/crm/forms';

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'admin', 'correct horse 42 battery', true);
  await addUser(t, 'sales', 'correct horse 42 battery', false);
  admin = await login(t, 'admin', 'correct horse 42 battery');
  user = await login(t, 'sales', 'correct horse 42 battery');
  // a role on the app's forms: every record action, no design (access control is tested in access/)
  await grantRole(t.database.db, 'crm', memberRole(['account', 'deal', 'region']), ['sales']);
  adminId = (await admin.request('GET', '/api/auth/me')).json().user.id;
});
afterAll(() => t?.close());

async function publish(form: { key: string }) {
  const draft = await admin.request('POST', `${base}/${form.key}/versions`, form);
  expect(draft.statusCode, draft.body).toBe(201);
  const { version } = draft.json();
  const plan = await admin.request('GET', `${base}/${form.key}/versions/${version}/plan`);
  expect(plan.statusCode, plan.body).toBe(200);
  const published = await admin.request('POST', `${base}/${form.key}/versions/${version}/publish`);
  expect(published.statusCode, published.body).toBe(200);
}

describe('designing forms over HTTP', () => {
  it('lets an admin create an app and publish forms, and nobody else', async () => {
    expect((await user.request('POST', '/api/apps', { key: 'crm' })).statusCode).toBe(403);
    const created = await admin.request('POST', '/api/apps', { key: 'crm', title: { en: 'CRM' } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await user.request('GET', '/api/apps')).json()).toEqual([
      { key: 'crm', title: { en: 'CRM' }, createdAt: expect.any(String) },
    ]);
    expect((await user.request('POST', `${base}/region/versions`, regionForm)).statusCode).toBe(403);
    await publish(regionForm);
    await publish(accountForm);
    await publish(dealForm);
    const forms = (await user.request('GET', '/api/apps/crm/forms')).json();
    expect(forms.map((f: { key: string }) => f.key)).toEqual(['account', 'deal', 'region']);
    const definition = await user.request('GET', `${base}/account`);
    expect(definition.json()).toMatchObject({ version: 1, definition: { key: 'account' } });
    const versions = await user.request('GET', `${base}/account/versions`);
    expect(versions.json()).toEqual([expect.objectContaining({ version: 1, status: 'published' })]);
  });

  it('answers a bad definition with 400 and its errors', async () => {
    const res = await admin.request('POST', `${base}/broken/versions`, {
      key: 'broken',
      title: {},
      fields: [{ id: 'x' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(0);
  });
});

describe('records over HTTP', () => {
  let regionId: string;
  let file: { id: string; name: string; size: number; contentType: string };
  const values = () => ({
    name: 'Acme Ltd',
    notes: 'Line one\nline two',
    profile: '<p>Hello</p>',
    score: 72.5,
    employees: 120,
    credit_limit: { amount: '12345.67', currency: 'USD' },
    discount: 0.15,
    active: false,
    since: '2025-12-31',
    last_contact: '2026-03-01T08:30:00.000Z',
    tier: 'key',
    tags: ['vip', 'export'],
    owner: adminId,
    department: 'sales',
    approver_role: 'manager',
    region: regionId,
    contacts: [
      { contact_name: 'Li Lei', contact_role: 'decision_maker', phone: '+86 138 0000 0000' },
      { contact_name: 'Han Meimei', contact_role: 'finance', phone: null },
    ],
    email: 'buy@acme.test',
    phone: '+1 (555) 010-0000',
    website: 'https://acme.test/about',
    files: [file],
    extra: { nested: [1, { deep: null }], flag: true },
  });

  it('round-trips a record with every field type', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const boundary = 'tessera-round-trip';
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `${base}/account/files?field=files`,
      headers: {
        cookie: user.cookie,
        'x-csrf-token': user.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    file = uploaded.json().reference;
    const region = await user.request('POST', `${base}/region/records`, { name: 'East' });
    expect(region.statusCode, region.body).toBe(201);
    regionId = region.json().id;
    const input = values();
    const created = await user.request('POST', `${base}/account/records`, input);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const read = await user.request('GET', `${base}/account/records/${id}?expand=region`);
    expect(read.statusCode).toBe(200);
    const record = read.json();
    const { contacts, region: expandedRegion, ...rest } = record;
    const { contacts: inContacts, region: _r, ...inRest } = input;
    expect(rest).toMatchObject(inRest);
    expect(contacts.map(({ id: _id, ...row }: Record<string, unknown>) => row)).toEqual(inContacts);
    expect(expandedRegion).toMatchObject({ id: regionId, name: 'East' });
    expect(record).toMatchObject({
      code: expect.stringMatching(/^CUS-\d{4}-00001$/),
      score_band: 'high',
      deal_count: 0,
      region_name: 'East',
      version: 1,
    });
    const deal = await user.request('POST', `${base}/deal/records`, {
      account: id,
      amount: { amount: '10.00' },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    expect(deal.json().amount).toEqual({ amount: '10.00', currency: 'CNY' });
    expect((await user.request('GET', `${base}/account/records/${id}`)).json().deal_count).toBe(1);
    const deals = await user.request(
      'GET',
      `${base}/deal/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'account' }, id] }))}&expand=account`,
    );
    expect(deals.json().items).toEqual([
      expect.objectContaining({ account: expect.objectContaining({ id, name: 'Acme Ltd' }) }),
    ]);
  });

  it('answers an invalid record with 400 listing every field error by path, and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('app_crm.account')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await user.request('POST', `${base}/account/records`, {
      name: 'A',
      score: 101,
      tier: 'gold',
      credit_limit: { amount: 12.5 },
      contacts: [{ contact_name: 'ok' }, { contact_role: 'boss' }],
      email: 'buy@acme.test',
      unknown_field: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('RECORD_INVALID');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'name',
        'score',
        'tier',
        'credit_limit.amount',
        'contacts[1].contact_role',
        'contacts[1].contact_name',
        'unknown_field',
      ].sort(),
    );
    // each with its stable code and params, which the web app translates (the message stays English)
    const score = body.errors.find((e: { path: string }) => e.path === 'score');
    expect(score).toEqual({
      path: 'score',
      message: 'must be at most 100',
      code: 'FIELD_MAX',
      params: { limit: 100 },
    });
    expect(body.errors.find((e: { path: string }) => e.path === 'unknown_field')).toMatchObject({
      code: 'FIELD_UNKNOWN',
    });
    const after = await t.database.db
      .selectFrom('app_crm.account')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('maps a unique violation to a 400 field error, not a 500', async () => {
    const res = await user.request('POST', `${base}/account/records`, {
      name: 'Dup',
      email: 'buy@acme.test',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toMatchObject([{ path: 'email', message: 'must be unique' }]);
  });

  it('two PATCHes with the same version: exactly one 409', async () => {
    const created = (await user.request('POST', `${base}/account/records`, { name: 'Racer' })).json();
    const results = await Promise.all([
      user.request('PATCH', `${base}/account/records/${created.id}`, { version: 1, name: 'Racer A' }),
      admin.request('PATCH', `${base}/account/records/${created.id}`, { version: 1, name: 'Racer B' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('STALE_VERSION');
    const missing = await user.request('PATCH', `${base}/account/records/${created.id}`, {
      name: 'no version',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toMatchObject([{ path: 'version', message: expect.any(String) }]);
  });

  it('gives 50 parallel creates 50 distinct auto-numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        user.request('POST', `${base}/account/records`, { name: `Parallel ${i}` }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.json().code)).size).toBe(50);
  });

  it('lists, deletes, restores and shows history; unknown things are 404', async () => {
    const created = (await user.request('POST', `${base}/account/records`, { name: 'Lifecycle' })).json();
    const list = await user.request(
      'GET',
      `${base}/account/records?q=lifecycle&count=exact&sort=-created_at`,
    );
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, nextCursor: null, items: [{ id: created.id }] });
    expect((await user.request('DELETE', `${base}/account/records/${created.id}`)).statusCode).toBe(204);
    expect((await user.request('GET', `${base}/account/records/${created.id}`)).statusCode).toBe(404);
    const restored = await user.request('POST', `${base}/account/records/${created.id}/restore`);
    expect(restored.json()).toMatchObject({ version: 3, deleted_at: null });
    const history = await user.request('GET', `${base}/account/records/${created.id}/history`);
    expect(history.json().map((h: { operation: string }) => h.operation)).toEqual([
      'created',
      'deleted',
      'restored',
    ]);
    expect((await user.request('GET', `${base}/nope/records`)).statusCode).toBe(404);
    expect((await user.request('GET', `${base}/account/records/not-a-uuid`)).statusCode).toBe(404);
    const badFilter = await user.request(
      'GET',
      `${base}/account/records?filter=${encodeURIComponent('{"==":[{"var":"x"},1]}')}`,
    );
    expect(badFilter.statusCode).toBe(400);
    expect((await user.request('GET', `${base}/account/records?filter=%7B`)).statusCode).toBe(400);
  });

  it('bulk creates all or nothing, naming the failing item', async () => {
    const res = await user.request('POST', `${base}/account/records/bulk`, {
      action: 'create',
      items: [{ name: 'Bulk 1' }, { name: 'B' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toMatchObject([
      { path: '[1].name', message: 'must have at least 2 characters' },
    ]);
    const ok = await user.request('POST', `${base}/account/records/bulk`, {
      action: 'create',
      items: [{ name: 'Bulk 1' }, { name: 'Bulk 2' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const [a, b] = ok.json().items;
    const upd = await user.request('POST', `${base}/account/records/bulk`, {
      action: 'update',
      items: [
        { id: a.id, version: 1, values: { tier: 'key' } },
        { id: b.id, version: 1, values: { tier: 'normal' } },
      ],
    });
    expect(upd.json().items.map((r: { tier: string }) => r.tier)).toEqual(['key', 'normal']);
  });

  it('writes the record.event job with the record', async () => {
    const jobs = await sql<{ n: number }>`select count(*) as n from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'record.event'`.execute(
      t.database.db,
    );
    const history = await sql<{ n: number }>`select count(*) as n from tessera.record_history`.execute(
      t.database.db,
    );
    expect(Number(jobs.rows[0]!.n)).toBe(Number(history.rows[0]!.n));
  });

  it('documents the records routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/apps',
        '/api/apps/{app}/forms/{form}/records',
        '/api/apps/{app}/forms/{form}/records/{id}',
        '/api/apps/{app}/forms/{form}/records/bulk',
        '/api/apps/{app}/forms/{form}/versions/{v}/publish',
      ]),
    );
  });
});
