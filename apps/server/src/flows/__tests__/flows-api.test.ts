import { createFormService, createRecordService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, memberRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const label = (en: string) => ({ en });
const quoteForm = {
  key: 'quote',
  title: label('Quote'),
  fields: [
    { id: 'q1', key: 'amount', type: 'number', label: label('Amount') },
    { id: 'q2', key: 'discount', type: 'number', label: label('Discount') },
    { id: 'q3', key: 'cost', type: 'number', label: label('Cost') },
  ],
};
const flow = {
  key: 'quote_approval',
  title: label('Quote approval'),
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'director',
      type: 'approval',
      label: label('Sales director'),
      assignees: [{ kind: 'role', role: 'sales_director' }],
      fields: { discount: 'edit', cost: 'hidden' },
    },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'director' },
    { from: 'director', to: 'end' },
  ],
};

let t: TestApp;
let admin: Client;
let sam: Client;
let dora: Client;
let eve: Client;
let quoteId: string;

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, 'boss', 'secret-password-1', true);
  for (const name of ['sam', 'dora', 'eve']) await addUser(t, name, 'secret-password-1');
  // sam sells: he may start the approval on quotes (roles.json `flows`; access control: access/__tests__)
  await grantRole(
    t.database.db,
    'erp',
    { ...memberRole(['quote'], 'sales'), flows: { quote_approval: ['start'] } },
    ['sam'],
  );
  await sql`insert into tessera.role_members (role, user_id) select 'sales_director', id from tessera.users where username = 'dora'`.execute(
    t.database.db,
  );
  const clock = { now: () => new Date() };
  const forms = createFormService({ db: t.database.db, actor: { id: null }, clock });
  await forms.ensureApp('erp', label('ERP'));
  const draft = await forms.saveDraft('erp', quoteForm);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const published = await forms.publish('erp', 'quote', draft.version);
  if (!published.ok) throw new Error('form publish refused');
  const record = await createRecordService({ db: t.database.db, actor: { id: null }, clock }).create(
    'erp',
    'quote',
    {
      amount: 250000,
      discount: 0.05,
      cost: 180000,
    },
  );
  quoteId = String(record.id);
  const clients = await Promise.all(
    ['boss', 'sam', 'dora', 'eve'].map((u) => login(t, u, 'secret-password-1')),
  );
  [admin, sam, dora, eve] = clients as [Client, Client, Client, Client];
});
afterAll(() => t.close());

describe('flows API', () => {
  let instanceId: string;
  let taskId: string;

  it('admins save and publish flows; others may not', async () => {
    expect((await sam.request('POST', '/api/apps/erp/flows', flow)).statusCode).toBe(403);
    const invalid = await admin.request('POST', '/api/apps/erp/flows', { ...flow, edges: [] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { message: string }) => e.message)).toContain(
      'node "director" cannot be reached from the start',
    );
    expect((await admin.request('POST', '/api/apps/erp/flows', flow)).statusCode).toBe(200);
    const published = await admin.request('POST', '/api/apps/erp/flows/quote_approval/publish');
    expect(published.json()).toEqual({ version: 1 });
  });

  it('sam starts the flow on his quote; it lands in the director’s to-dos', async () => {
    const started = await sam.request('POST', '/api/apps/erp/flows/quote_approval/instances', {
      recordId: quoteId,
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ status: 'running' });
    instanceId = started.json().instanceId;
    const todo = (await dora.request('GET', '/api/tasks?box=todo')).json().items;
    expect(todo).toEqual([
      expect.objectContaining({
        instanceId,
        nodeId: 'director',
        nodeLabel: { en: 'Sales director' },
        status: 'open',
      }),
    ]);
    taskId = todo[0].taskId;
    expect((await sam.request('GET', '/api/tasks?box=started')).json().items).toHaveLength(1);
    expect((await sam.request('GET', '/api/tasks?box=todo')).json().items).toEqual([]);
  });

  it('the task shows the record as the step allows: cost hidden, discount editable', async () => {
    const detail = await dora.request('GET', `/api/tasks/${taskId}`);
    expect(detail.statusCode).toBe(200);
    const { record, actions } = detail.json();
    expect(record.values).not.toHaveProperty('cost');
    expect(Number(record.values.amount)).toBe(250000);
    expect(record.access).toMatchObject({ amount: 'read', discount: 'edit' });
    expect(actions).toContain('approve');
    expect((await eve.request('GET', `/api/tasks/${taskId}`)).statusCode).toBe(404);
  });

  it('refuses what is not allowed with a clear problem', async () => {
    const notMine = await sam.request('POST', `/api/tasks/${taskId}/actions/approve`, {});
    expect(notMine.statusCode).toBe(403);
    const locked = await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, {
      values: { cost: 1 },
    });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().detail).toContain('cost');
    expect((await dora.request('POST', `/api/tasks/${taskId}/actions/fly`, {})).statusCode).toBe(400);
    const throttled = await sam.request('POST', `/api/flow-instances/${instanceId}/remind`);
    expect(throttled.statusCode).toBe(200);
    const again = await sam.request('POST', `/api/flow-instances/${instanceId}/remind`);
    expect(again.json()).toMatchObject({ status: 409, code: 'REMIND_THROTTLED' });
  });

  it('the director approves with a new discount; the records service writes the record with the step', async () => {
    const done = await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, {
      values: { discount: 0.1 },
      comment: 'ok',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ instanceId, status: 'completed', outcome: 'approved' });
    expect((await dora.request('GET', '/api/tasks?box=done')).json().items).toHaveLength(1);
    const again = await dora.request('POST', `/api/tasks/${taskId}/actions/approve`, {});
    expect(again.json()).toMatchObject({ status: 409, code: 'INSTANCE_NOT_RUNNING' });

    const record = await createRecordService({
      db: t.database.db,
      actor: { id: null },
      clock: { now: () => new Date() },
    }).get('erp', 'quote', quoteId);
    expect(Number(record.discount)).toBe(0.1);
  });

  it('the timeline is for the people involved', async () => {
    const timeline = await sam.request('GET', `/api/flow-instances/${instanceId}`);
    expect(timeline.statusCode).toBe(200);
    const body = timeline.json();
    expect(body.instance).toMatchObject({ status: 'completed', outcome: 'approved', version: 1 });
    expect(body.tasks).toEqual([
      expect.objectContaining({ nodeId: 'director', status: 'approved', comment: 'ok' }),
    ]);
    expect(body.history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining([
        'instance-started',
        'tasks-created',
        'reminded',
        'approved',
        'instance-completed',
      ]),
    );
    expect((await eve.request('GET', `/api/flow-instances/${instanceId}`)).statusCode).toBe(404);
    const all = (await admin.request('GET', '/api/flow-instances?app=erp&status=completed')).json().items;
    expect(all).toEqual([
      expect.objectContaining({ instanceId, flowKey: 'quote_approval', status: 'completed' }),
    ]);
    expect((await eve.request('GET', '/api/flow-instances')).json().items).toEqual([]);
    expect((await dora.request('GET', '/api/flow-instances')).json().items).toHaveLength(1);
    expect((await admin.request('GET', `/api/flow-instances/${instanceId}`)).statusCode).toBe(200);
  });

  it('exports the published flow as BPMN and imports it back as a draft; refuses what it cannot run', async () => {
    const exported = await sam.request('GET', '/api/apps/erp/flows/quote_approval/bpmn');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/xml');
    const xml = exported.body;
    expect((await sam.request('POST', '/api/apps/erp/flows/bpmn', { xml })).statusCode).toBe(403);
    const imported = await admin.request('POST', '/api/apps/erp/flows/bpmn', { xml, key: 'quote_copy' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ key: 'quote_copy', warnings: [] });
    const refused = await admin.request('POST', '/api/apps/erp/flows/bpmn', {
      xml: xml.replace('<bpmn:endEvent id="end"', '<bpmn:scriptTask id="calc" /><bpmn:endEvent id="end"'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'calc' })]);
  });

  it("maps a Camunda diagram's candidates and lanes onto the app's roles and users, warning about the rest", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="quote_check" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="l1" name="sales"><bpmn:flowNodeRef>prep</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s" /><bpmn:userTask id="prep" name="Prepare" />
    <bpmn:userTask id="sign" name="Sign" camunda:candidateUsers="dora" camunda:candidateGroups="ghosts" />
    <bpmn:endEvent id="e"><bpmn:terminateEventDefinition /></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="prep" /><bpmn:sequenceFlow id="f2" sourceRef="prep" targetRef="sign" />
    <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const imported = await admin.request('POST', '/api/apps/erp/flows/bpmn', { xml, form: 'quote' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().warnings).toEqual([
      {
        element: 'sign',
        message:
          "UserTask 'Sign' (sign): 'ghosts' (candidate group) matches no role, department, user or user field of the app: left out",
      },
    ]);
    const draft = await sql<{ draft: { nodes: { id: string; assignees?: unknown; terminate?: boolean }[] } }>`
      select draft from tessera.flow_definitions where app_key = 'erp' and key = 'quote_check'`.execute(
      t.database.db,
    );
    const nodes = Object.fromEntries(draft.rows[0]!.draft.nodes.map((n) => [n.id, n]));
    expect(nodes.prep!.assignees).toEqual([{ kind: 'role', role: 'sales' }]);
    expect(nodes.sign!.assignees).toEqual([{ kind: 'user', user: 'dora' }]);
    expect(nodes.e!.terminate).toBe(true);
  });

  it("imports another modeler's diagram: pools picked by name, checked against the app's forms in BPMN terms", async () => {
    const pool = (id: string, condition: string) => `<semantic:process id="${id}">
      <semantic:startEvent id="_${id}_s" /><semantic:exclusiveGateway id="_${id}_g" name="Big?" default="_${id}_f3" />
      <semantic:task id="_${id}_t" name="Sign off" /><semantic:endEvent id="_${id}_e" />
      <semantic:sequenceFlow id="_${id}_f1" sourceRef="_${id}_s" targetRef="_${id}_g" />
      <semantic:sequenceFlow id="_${id}_f2" name="yes" sourceRef="_${id}_g" targetRef="_${id}_t"><semantic:conditionExpression>${condition}</semantic:conditionExpression></semantic:sequenceFlow>
      <semantic:sequenceFlow id="_${id}_f3" sourceRef="_${id}_g" targetRef="_${id}_e" />
      <semantic:sequenceFlow id="_${id}_f4" sourceRef="_${id}_t" targetRef="_${id}_e" /></semantic:process>`;
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<semantic:definitions xmlns:semantic="http://www.omg.org/spec/BPMN/20100524/MODEL" id="_d" targetNamespace="x">
  <semantic:collaboration id="_c"><semantic:participant id="_p1" name="Sales" processRef="sales" /><semantic:participant id="_p2" name="Stock" processRef="stock" /></semantic:collaboration>
  ${pool('sales', `$` + '{amount &gt; 10000}')}${pool('stock', 'amont &gt; 5')}</semantic:definitions>`;
    const post = (body: object) =>
      admin.request('POST', '/api/apps/erp/flows/bpmn', { xml, form: 'quote', ...body });

    const which = await post({});
    expect(which.statusCode).toBe(400);
    expect(which.json().errors[0].message).toContain("'Sales' (sales), 'Stock' (stock)");

    const sales = await post({ process: 'Sales' });
    expect(sales.statusCode, sales.body).toBe(200);
    expect(sales.json().key).toBe('sales');
    expect(sales.json().warnings.map((w: { message: string }) => w.message)).toEqual(
      expect.arrayContaining([
        'the XML parser: unsupported document encoding <ISO-8859-1>, falling back to UTF-8',
        "Task 'Sign off' (_sales_t) has no task type: imported as a user task; it goes to the initiator until its assignees are set in the designer",
      ]),
    );
    expect((await admin.request('POST', '/api/apps/erp/flows/sales/publish')).statusCode).toBe(200);

    // issue 14.4: the stock pool's gateway reads a field the quote form does not have
    const stock = await post({ process: 'stock' });
    expect(stock.statusCode).toBe(400);
    expect(stock.json().errors).toEqual([
      {
        path: '_stock_f2',
        message:
          "SequenceFlow 'yes' (_stock_f2) condition: unknown field 'amont' in form 'quote' (did you mean 'amount'?)",
      },
    ]);
  });

  it('a flow saved through the API is checked like a pack: its form and the fields its conditions read', async () => {
    const save = (body: object) =>
      admin.request('POST', '/api/apps/erp/flows', { ...flow, key: 'checked', ...body });
    const noForm = await save({ form: 'invoice' });
    expect(noForm.statusCode).toBe(400);
    expect(noForm.json().errors).toEqual([
      expect.objectContaining({ path: '/form', message: expect.stringContaining("unknown form 'invoice'") }),
    ]);
    const gateway = await save({
      nodes: [...flow.nodes, { id: 'gate', type: 'exclusive_gateway' }],
      edges: [
        { from: 'start', to: 'gate' },
        { from: 'gate', to: 'director', condition: { '>': [{ var: 'total' }, 5] } },
        { from: 'gate', to: 'end', default: true },
        { from: 'director', to: 'end' },
      ],
    });
    expect(gateway.statusCode).toBe(400);
    expect(gateway.json().errors).toEqual([
      { path: '/edges/1/condition', message: "unknown field 'total' in form 'quote'" },
    ]);
  });
});
