import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatPackErrors,
  loadPackFolder,
  type PackErrorCode,
  validatePack,
  validatePackFolder,
} from '../index.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/valid-pack');
const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

type Edit = (dir: string) => Promise<void>;
/** Edits a JSON file of the copy in place. */
const editJson =
  (file: string, change: (doc: any) => void): Edit =>
  async (dir) => {
    const doc = JSON.parse(await readFile(join(dir, file), 'utf8'));
    change(doc);
    await writeFile(join(dir, file), JSON.stringify(doc, null, 2));
  };
const writeText =
  (file: string, text: string): Edit =>
  async (dir) => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  };
const remove =
  (file: string): Edit =>
  (dir) =>
    rm(join(dir, file));

/** A copy of the valid fixture in a temp dir, with the edits applied. */
async function brokenPack(...edits: Edit[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-pack-'));
  temps.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  for (const edit of edits) await edit(dir);
  return dir;
}

interface Expected {
  code: PackErrorCode;
  file: string;
  path: string;
  message?: string | RegExp;
  line?: number;
  column?: number;
}

async function expectErrors(dir: string, expected: Expected[]) {
  const result = await validatePackFolder(dir);
  expect(result.ok).toBe(false);
  const errors = result.ok ? [] : result.errors;
  const shown = formatPackErrors(errors);
  expect(
    errors.map(({ code, file, path }) => ({ code, file, path })),
    shown,
  ).toEqual(expected.map(({ code, file, path }) => ({ code, file, path })));
  expected.forEach((e, i) => {
    if (typeof e.message === 'string') expect(errors[i]!.message).toBe(e.message);
    else if (e.message) expect(errors[i]!.message).toMatch(e.message);
    if (e.line !== undefined) expect([errors[i]!.line, errors[i]!.column]).toEqual([e.line, e.column]);
  });
}

describe('the valid fixture pack', () => {
  it('loads: json files with their text, other files listed, hidden files skipped', async () => {
    const dir = await brokenPack(writeText('.git/config', 'x'), writeText('.vscode/settings.json', '{'));
    const loaded = await loadPackFolder(dir);
    expect(loaded.jsonFiles.map((f) => f.path)).toEqual([
      'dashboards/customer_health.json',
      'flows/order_approval.json',
      'forms/customer.json',
      'forms/product.json',
      'forms/receivable.json',
      'forms/sales_order.json',
      'pack.json',
      'reports/sales_by_month.json',
      'roles.json',
      'rules/dormant_customer.json',
      'rules/overdue_receivable.json',
    ]);
    expect(loaded.otherFiles).toEqual(['README.md', 'data/customer.csv']);
  });

  it('validates, and gives the typed pack', async () => {
    const result = validatePack(await loadPackFolder(FIXTURE));
    expect(result.ok ? [] : formatPackErrors(result.errors)).toEqual([]);
    if (!result.ok) return;
    expect(result.pack.manifest.name).toBe('mini-crm');
    expect(result.pack.forms.map((f) => f.value.key)).toEqual([
      'customer',
      'product',
      'receivable',
      'sales_order',
    ]);
    expect(result.pack.flows[0]).toMatchObject({
      file: 'flows/order_approval.json',
      value: { key: 'order_approval' },
    });
    expect(result.pack.roles?.value.roles).toHaveLength(4);
    expect(result.pack.dataFiles).toEqual(['data/customer.csv']);
  });
});

describe('broken packs → every error with its file and JSON path', () => {
  it('JSON syntax errors with line and column; duplicate JSON keys', async () => {
    const dir = await brokenPack(
      writeText(
        'forms/product.json',
        '{\n  "key": "product",\n  "title": { "en": "Product", },\n  "fields": []\n}',
      ),
      writeText('rules/dormant_customer.json', '{ "key": "dormant_customer", "key": "x" }'),
    );
    await expectErrors(dir, [
      {
        code: 'json_syntax',
        file: 'forms/product.json',
        path: '',
        line: 3,
        column: 31,
        message: /^invalid JSON: expected a property name in double quotes, found '}' \(a trailing comma/,
      },
      {
        code: 'schema',
        file: 'rules/dormant_customer.json',
        path: '',
        message: "needs exactly one of 'trigger' (one trigger) and 'triggers' (a list of them)",
      },
      {
        code: 'schema',
        file: 'rules/dormant_customer.json',
        path: '',
        message: "missing required property 'title'",
      },
      {
        code: 'schema',
        file: 'rules/dormant_customer.json',
        path: '',
        message: "missing required property 'actions'",
      },
      {
        code: 'duplicate_json_key',
        file: 'rules/dormant_customer.json',
        path: '/key',
        line: 1,
        column: 30,
        message: "property 'key' appears twice in the same object",
      },
      { code: 'file_name', file: 'rules/dormant_customer.json', path: '/key' },
      // forms/product.json is known by its file name: sales_order's link to it is not reported
    ]);
  });

  it('schema errors in plain words', async () => {
    const dir = await brokenPack(
      editJson('forms/customer.json', (d) => {
        d.fields[1].type = 'txt';
      }),
      editJson('pack.json', (d) => {
        d.version = '1.0';
        d.colour = 'blue';
      }),
    );
    await expectErrors(dir, [
      { code: 'schema', file: 'pack.json', path: '', message: "unknown property 'colour'" },
      {
        code: 'schema',
        file: 'pack.json',
        path: '/version',
        message: 'must be a semantic version such as "1.0.0" or "2.1.0-beta.1" (got "1.0")',
      },
      {
        code: 'schema',
        file: 'forms/customer.json',
        path: '/fields/1/type',
        message: /^must be one of: text, long_text, .* — did you mean "text"\?$/,
      },
    ]);
  });

  it('unknown files and a missing pack.json', async () => {
    const dir = await brokenPack(
      remove('pack.json'),
      writeText('notes.txt', 'x'),
      writeText('forms/old/customer.json', '{}'),
      writeText('data/customer.xlsx', 'x'),
      writeText('flows/order_approval.xml', '<x/>'),
      writeText('LICENSE', 'MIT'),
    );
    await expectErrors(dir, [
      { code: 'missing_file', file: 'pack.json', path: '' },
      {
        code: 'unknown_file',
        file: 'forms/old/customer.json',
        path: '',
        message: /^unknown file: a pack holds pack.json/,
      },
      {
        code: 'unknown_file',
        file: 'flows/order_approval.xml',
        path: '',
        message: 'unknown file: flows/ holds only .json files and BPMN diagrams (.bpmn)',
      },
      {
        code: 'unknown_file',
        file: 'data/customer.xlsx',
        path: '',
        message: 'unknown file: data/ holds only .csv files',
      },
      { code: 'unknown_file', file: 'notes.txt', path: '' },
    ]);
  });

  it('file names against keys, duplicate keys across files', async () => {
    const dir = await brokenPack(
      writeText(
        'forms/client.json',
        JSON.stringify({ key: 'customer', title: { en: 'Client' }, fields: [] }),
      ),
    );
    await expectErrors(dir, [
      {
        code: 'file_name',
        file: 'forms/client.json',
        path: '/key',
        message: `key 'customer' does not match the file name: name the file forms/customer.json or set "key": "client"`,
      },
      {
        code: 'duplicate_key',
        file: 'forms/client.json',
        path: '/key',
        message: "duplicate form key 'customer' (also in forms/customer.json)",
      },
    ]);
  });

  it('forms: links to a form the pack lacks, lookups and duplicate fields', async () => {
    const dir = await brokenPack(
      editJson('forms/sales_order.json', (d) => {
        d.fields[0].form = 'client';
        d.fields[6].fields[0].form = 'products';
        d.fields[2].key = 'order_date';
      }),
      editJson('forms/customer.json', (d) => {
        d.fields.push({ id: 'x', key: 'rep', type: 'lookup', label: { en: 'x' }, link: 'name', field: 'x' });
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_reference',
        file: 'forms/customer.json',
        path: '/fields/6/link',
        message: "'name' is a text field; expected a field of type link",
      },
      {
        code: 'unresolved_reference',
        file: 'forms/sales_order.json',
        path: '/fields/0/form',
        message: "unknown form 'client': the pack has no forms/client.json",
      },
      {
        code: 'duplicate_key',
        file: 'forms/sales_order.json',
        path: '/fields/2/key',
        message: "duplicate field key 'order_date' (also /fields/1)",
      },
      {
        code: 'unresolved_reference',
        file: 'forms/sales_order.json',
        path: '/fields/6/fields/0/form',
        message: "unknown form 'products': the pack has no forms/products.json (did you mean 'product'?)",
      },
      // the report joins sales_order.customer, which now links to a form the pack lacks: not reported twice
    ]);
  });

  it('forms: expressions the logic engine refuses (a formula, required-when, a row default)', async () => {
    const dir = await brokenPack(
      editJson('forms/customer.json', (d) => {
        d.fields.push({
          id: 'days',
          key: 'days',
          type: 'formula',
          label: { en: 'Days' },
          resultType: 'integer',
          expression: { '+': [{ days_between: [{ var: 'last_follow_up' }, { today: [] }] }, 1] },
        });
        d.fields[1].requiredWhen = {
          '>': [{ date_diff: [{ today: [] }, { var: 'last_follow_up' }, 'days'] }, 3],
        };
      }),
      editJson('forms/sales_order.json', (d) => {
        d.fields[6].fields[1].default = { expr: { max_of: [1, 2] } };
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_definition',
        file: 'forms/customer.json',
        path: '/fields/1/requiredWhen',
        message:
          'invalid expression: >[0].date_diff[2]: "date_diff" unit must be one of day, week, month, quarter, year, hour, minute; got "days"',
      },
      {
        code: 'invalid_definition',
        file: 'forms/customer.json',
        path: '/fields/6/expression',
        message: /^invalid expression: \+\[0\]\.days_between: Unknown operator "days_between"/,
      },
      {
        code: 'invalid_definition',
        file: 'forms/sales_order.json',
        path: '/fields/6/fields/1/default/expr',
        message: /^invalid expression: max_of: Unknown operator "max_of"/,
      },
    ]);
  });

  it('forms: defaultFrom names a field of the linked form holding the same kind of value', async () => {
    const dir = await brokenPack(
      editJson('forms/receivable.json', (d) => {
        d.fields[2].defaultFrom = { link: 'order', field: 'amount' }; // a date from money
        d.fields[3].defaultFrom = { link: 'order', field: 'amont' };
        d.fields[4].defaultFrom = { link: 'due_date', field: 'status' };
      }),
      editJson('forms/sales_order.json', (d) => {
        d.fields[6].fields[1].defaultFrom = { link: 'product', field: 'price' }; // an integer from money
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_reference',
        file: 'forms/receivable.json',
        path: '/fields/2/defaultFrom/field',
        message: "'amount' holds money values; 'due_date' is date",
      },
      {
        code: 'unresolved_reference',
        file: 'forms/receivable.json',
        path: '/fields/3/defaultFrom/field',
        message: "unknown field 'amont' in form 'sales_order' (did you mean 'amount'?)",
      },
      {
        code: 'invalid_reference',
        file: 'forms/receivable.json',
        path: '/fields/4/defaultFrom/link',
        message: "'due_date' is a date field; expected a field of type link",
      },
      {
        code: 'invalid_reference',
        file: 'forms/sales_order.json',
        path: '/fields/6/fields/1/defaultFrom/field',
        message: "'price' holds money values; 'quantity' is integer",
      },
    ]);
  });

  it('rules: unknown form, unknown and mistyped fields, unknown roles and flows', async () => {
    const dir = await brokenPack(
      editJson('rules/overdue_receivable.json', (d) => {
        d.trigger.field = 'due_dt';
        d.actions[0].assignees[0].field = 'customer.ownr';
        d.actions[1].to[0].role = 'finance';
        d.actions.push({ type: 'start_flow', flow: 'collection' });
      }),
      editJson('rules/dormant_customer.json', (d) => {
        d.trigger.field = 'name';
        d.actions[0].set = { in_pol: true };
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_reference',
        file: 'rules/dormant_customer.json',
        path: '/trigger/field',
        message:
          "'name' is a text field; expected a date or datetime field, or a formula, rollup or lookup whose value is a date",
      },
      {
        code: 'unresolved_reference',
        file: 'rules/dormant_customer.json',
        path: '/actions/0/set/in_pol',
        message: "unknown field 'in_pol' in form 'customer' (did you mean 'in_pool'?)",
      },
      {
        code: 'unresolved_reference',
        file: 'rules/overdue_receivable.json',
        path: '/trigger/field',
        message: "unknown field 'due_dt' in form 'receivable' (did you mean 'due_date'?)",
      },
      {
        code: 'unresolved_reference',
        file: 'rules/overdue_receivable.json',
        path: '/actions/0/assignees/0/field',
        message: "unknown field 'ownr' in form 'customer' (did you mean 'owner'?)",
      },
      {
        code: 'unresolved_reference',
        file: 'rules/overdue_receivable.json',
        path: '/actions/1/to/0/role',
        message: /^unknown role 'finance'/,
      },
      {
        code: 'unresolved_reference',
        file: 'rules/overdue_receivable.json',
        path: '/actions/2/flow',
        message: "unknown flow 'collection': the pack has no flows/collection.json",
      },
    ]);
  });

  it('flows: graph, approval settings, fields and roles', async () => {
    const dir = await brokenPack(
      editJson('flows/order_approval.json', (d) => {
        d.nodes.push({ id: 'start2', type: 'start' }, { id: 'orphan', type: 'end' });
        d.nodes[2].mode = 'vote';
        d.nodes[2].assignees.push({ kind: 'role', role: 'ceo' });
        d.nodes[2].fields = { amont: 'read' };
        d.edges.push(
          { from: 'director', to: 'approved' },
          { from: 'start2', to: 'approved', condition: { '==': [1, 1] } },
        );
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_definition',
        file: 'flows/order_approval.json',
        path: '/nodes',
        message: 'a flow needs exactly one start node (it has 2)',
      },
      {
        code: 'invalid_definition',
        file: 'flows/order_approval.json',
        path: '/nodes/2/passRatio',
        message: 'mode "vote" needs passRatio (the share of approvals that passes)',
      },
      {
        code: 'unresolved_reference',
        file: 'flows/order_approval.json',
        path: '/nodes/2/assignees/1/role',
        message: /^unknown role 'ceo'/,
      },
      {
        code: 'unresolved_reference',
        file: 'flows/order_approval.json',
        path: '/nodes/2/fields/amont',
        message: "unknown field 'amont' in form 'sales_order' (did you mean 'amount'?)",
      },
      {
        code: 'invalid_definition',
        file: 'flows/order_approval.json',
        path: '/edges/6',
        message: "'condition' and 'default' apply only to edges leaving an exclusive gateway",
      },
    ]);
  });

  it("flows: the engine's own checks — an unknown node, a join without its fork, a condition on an unknown field", async () => {
    const unknownNode = await brokenPack(
      editJson('flows/order_approval.json', (d) => {
        d.edges.push({ from: 'director', to: 'nowhere' });
      }),
    );
    await expectErrors(unknownNode, [
      {
        code: 'invalid_definition',
        file: 'flows/order_approval.json',
        path: `/edges/${JSON.parse(await readFile(join(unknownNode, 'flows/order_approval.json'), 'utf8')).edges.length - 1}/to`,
        message: 'no node "nowhere"',
      },
    ]);
    const unforked = await brokenPack(
      editJson('flows/order_approval.json', (d) => {
        const endId = d.nodes.find((n: { type: string }) => n.type === 'end').id;
        d.nodes.push({ id: 'join', type: 'parallel_gateway' });
        d.edges.push(
          { from: 'director', to: 'join' },
          { from: 'create_receivable', to: 'join' },
          { from: 'join', to: endId },
        );
        const gate = d.edges.find((e: { condition?: unknown }) => e.condition);
        gate.condition = { '>': [{ var: 'amout' }, 1] };
      }),
    );
    const result = await validatePackFolder(unforked);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^parallel join "join" has \d+ incoming edges but no fork/),
        expect.stringMatching(/^unknown field 'amout' in form 'sales_order'/),
      ]),
    );
  });

  it('reports and dashboards: fields through joins, output keys, charts, filters, widgets', async () => {
    const dir = await brokenPack(
      editJson('reports/sales_by_month.json', (d) => {
        d.query.dimensions[1].field = 'cust.tire';
        d.query.dimensions[0].field = 'amount'; // bucket needs a date
        d.query.sort[0].by = 'week';
        d.query.measures.push({ key: 'names', agg: 'sum', field: 'customer_tier' }); // a lookup reads the tier: not a number
        d.query.measures.push({ key: 'tiers', agg: 'avg', field: 'cust.code' });
        d.chart.y = ['totl'];
      }),
      editJson('dashboards/customer_health.json', (d) => {
        d.widgets[0].report = 'sales';
        d.widgets[1].filters = { perod: 'due_date' };
        d.widgets[1].chart.y = ['overdue'];
        d.widgets[1].layout.x = 10;
      }),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_reference',
        file: 'reports/sales_by_month.json',
        path: '/query/dimensions/0/field',
        message: "'amount' is a money field; expected a field of type date or datetime",
      },
      {
        code: 'unresolved_reference',
        file: 'reports/sales_by_month.json',
        path: '/query/dimensions/1/field',
        message: "unknown field 'tire' in form 'customer' (did you mean 'tier'?)",
      },
      {
        code: 'invalid_reference',
        file: 'reports/sales_by_month.json',
        path: '/query/measures/6/field',
        message:
          "'customer_tier' is a lookup field of type single_select; expected a field of type number or integer or money or percent",
      },
      {
        code: 'invalid_reference',
        file: 'reports/sales_by_month.json',
        path: '/query/measures/7/field',
        message:
          "'code' is an auto_number field of type text; expected a field of type number or integer or money or percent or rating",
      },
      {
        code: 'unresolved_reference',
        file: 'reports/sales_by_month.json',
        path: '/query/sort/0/by',
        message: "unknown dimension or measure 'week'",
      },
      {
        code: 'unresolved_reference',
        file: 'reports/sales_by_month.json',
        path: '/chart/y/0',
        message: "unknown measure 'totl'",
      },
      {
        code: 'unresolved_reference',
        file: 'dashboards/customer_health.json',
        path: '/widgets/0/report',
        message: /^unknown report 'sales': the pack has no reports\/sales.json/,
      },
      {
        code: 'unresolved_reference',
        file: 'dashboards/customer_health.json',
        path: '/widgets/1/chart/y/0',
        message: "unknown measure 'overdue'",
      },
      {
        code: 'invalid_definition',
        file: 'dashboards/customer_health.json',
        path: '/widgets/1/layout',
        message: "the widget ends at column 14, past the grid's 12 columns",
      },
      {
        code: 'unresolved_reference',
        file: 'dashboards/customer_health.json',
        path: '/widgets/1/filters/perod',
        message: "unknown dashboard filter 'perod' (did you mean 'period'?)",
      },
    ]);
  });

  it('roles: unknown forms, fields, flows, dashboards; duplicate roles; data for a form the pack lacks', async () => {
    const dir = await brokenPack(
      editJson('roles.json', (d) => {
        d.roles[0].forms.invoice = { actions: ['read'] };
        d.roles[0].forms.receivable.fields = { amnt: 'hidden' };
        // a row field of line items is `<line items>.<field>`; links are not followed
        d.roles[0].forms.sales_order.fields = {
          'lines.quantity': 'read_only',
          'lines.qty': 'hidden',
          'customer.tier': 'hidden',
        };
        d.roles[0].forms.customer.scope.field = 'name';
        d.roles[0].flows.collection = ['start'];
        d.roles[1].dashboards = ['health'];
        d.roles[3].key = 'sales';
      }),
      writeText('data/invoice.csv', 'a,b\n'),
    );
    await expectErrors(dir, [
      {
        code: 'invalid_reference',
        file: 'roles.json',
        path: '/roles/0/forms/customer/scope/field',
        message: "'name' is a text field; expected a field of type user",
      },
      {
        code: 'unresolved_reference',
        file: 'roles.json',
        path: '/roles/0/forms/sales_order/fields/lines.qty',
        message: /^unknown field 'qty' in the line items 'lines'/,
      },
      {
        code: 'invalid_reference',
        file: 'roles.json',
        path: '/roles/0/forms/sales_order/fields/customer.tier',
        message: "'customer' is a link field; only a line-items field's row fields can be limited with '.'",
      },
      {
        code: 'unresolved_reference',
        file: 'roles.json',
        path: '/roles/0/forms/receivable/fields/amnt',
        message: "unknown field 'amnt' in form 'receivable' (did you mean 'amount'?)",
      },
      {
        code: 'unresolved_reference',
        file: 'roles.json',
        path: '/roles/0/forms/invoice',
        message: "unknown form 'invoice': the pack has no forms/invoice.json",
      },
      { code: 'unresolved_reference', file: 'roles.json', path: '/roles/0/flows/collection' },
      {
        code: 'unresolved_reference',
        file: 'roles.json',
        path: '/roles/1/dashboards/0',
        message: /^unknown dashboard 'health'/,
      },
      {
        code: 'duplicate_key',
        file: 'roles.json',
        path: '/roles/3/key',
        message: "duplicate role key 'sales' (also /roles/0)",
      },
      {
        code: 'unresolved_reference',
        file: 'data/invoice.csv',
        path: '',
        message: "data for an unknown form 'invoice': the pack has no forms/invoice.json",
      },
    ]);
  });

  it('a form that fails its schema is still known by key: no cascade of unresolved references', async () => {
    const dir = await brokenPack(
      editJson('forms/customer.json', (d) => {
        d.fields[0].type = 'autonumber';
      }),
    );
    await expectErrors(dir, [{ code: 'schema', file: 'forms/customer.json', path: '/fields/0/type' }]);
  });
});

describe('formatPackErrors', () => {
  it('prints one line per error: file, JSON path, message', () => {
    const text = formatPackErrors([
      {
        code: 'schema',
        file: 'forms/customer.json',
        path: '/fields/2/type',
        message: 'must be one of: text, number',
      },
      { code: 'missing_file', file: 'pack.json', path: '', message: 'missing' },
      {
        code: 'json_syntax',
        file: 'flows/x.json',
        path: '',
        message: 'invalid JSON: unterminated string',
        line: 3,
        column: 14,
      },
    ]);
    expect(text.split('\n')).toEqual([
      'forms/customer.json /fields/2/type: must be one of: text, number',
      'pack.json: missing',
      'flows/x.json:3:14: invalid JSON: unterminated string',
    ]);
  });
});

describe('role references', () => {
  it('without roles.json no role exists; with an invalid roles.json they are not checked', async () => {
    await expectErrors(await brokenPack(remove('roles.json')), [
      {
        code: 'unresolved_reference',
        file: 'flows/order_approval.json',
        path: '/nodes/2/assignees/0/role',
        message: "unknown role 'sales_director': roles.json has no such role",
      },
      { code: 'unresolved_reference', file: 'rules/overdue_receivable.json', path: '/actions/1/to/0/role' },
    ]);
    await expectErrors(await brokenPack(writeText('roles.json', '{ "roles": [{ "key": "x" }] }')), [
      { code: 'schema', file: 'roles.json', path: '/roles/0', message: "missing required property 'title'" },
    ]);
  });
});
