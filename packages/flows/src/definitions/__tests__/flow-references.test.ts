import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBpmn } from '../../bpmn/bpmn.import';
import { createFlowDefinitionService, type FlowDefinitionService } from '../flow-definition.service';

/**
 * Issue 14.4: a flow saved through the engine (the API, a BPMN import, pack apply) is checked
 * against the app's published forms by the same check `pack validate` runs — no flow on a form
 * that does not exist, no condition on an unknown field.
 */
const label = (en: string) => ({ en });
const customer: FormDefinition = {
  key: 'customer',
  title: label('Customer'),
  fields: [{ id: 'c1', key: 'tier', type: 'text', label: label('Tier') }],
} as FormDefinition;
const quote = (extra: object[] = []): FormDefinition =>
  ({
    key: 'quote',
    title: label('Quote'),
    fields: [
      { id: 'q1', key: 'amount', type: 'number', label: label('Amount') },
      { id: 'q2', key: 'customer', type: 'link', form: 'customer', label: label('Customer') },
      {
        id: 'q3',
        key: 'items',
        type: 'line_items',
        label: label('Items'),
        fields: [{ id: 'i1', key: 'qty', type: 'integer', label: label('Qty') }],
      },
      { id: 'q4', key: 'region', type: 'text', label: label('Region') },
      ...extra,
    ],
  }) as FormDefinition;

const flow = (edgeCondition: unknown, more: Record<string, unknown> = {}) => ({
  key: 'approval',
  title: label('Approval'),
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start', on: ['record_submitted'], submitWhen: { '>': [{ var: 'amount' }, 0] } },
    { id: 'gate', type: 'exclusive_gateway' },
    { id: 'boss', type: 'approval', assignees: [{ kind: 'initiator' }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { from: 'start', to: 'gate' },
    { from: 'gate', to: 'boss', condition: edgeCondition },
    { from: 'gate', to: 'end', default: true },
    { from: 'boss', to: 'end' },
  ],
  ...more,
});

let t: TestDatabase;
let defs: FlowDefinitionService;

beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'refs', [customer, quote()]);
  defs = createFlowDefinitionService({ db: t.db, clock: { now: () => new Date() } });
});
afterAll(() => t.close());

describe('flows are checked against the published forms on every way in', () => {
  it('a condition reading known fields — through links, line items, the flow scope — saves and publishes', async () => {
    const condition = {
      and: [
        { '>': [{ var: 'amount' }, 100] },
        { '==': [{ var: 'customer.tier' }, 'gold'] },
        { some: [{ var: 'items' }, { '>': [{ var: 'qty' }, 5] }] },
        { '!=': [{ var: '_flow.initiator' }, null] },
      ],
    };
    expect(await defs.saveDraft('refs', flow(condition))).toEqual({ ok: true });
    expect(await defs.publish('refs', 'approval')).toMatchObject({ ok: true, version: 1 });
  });

  it.each([
    {
      name: 'a flow on a form that does not exist',
      input: { ...flow({ '>': [{ var: 'amount' }, 1] }), form: 'qoute' },
      errors: [
        {
          path: '/form',
          message: "unknown form 'qoute': it is not published in app 'refs' (did you mean 'quote'?)",
        },
      ],
    },
    {
      name: 'a gateway condition on an unknown field',
      input: flow({ '>': [{ var: 'amont' }, 1] }),
      errors: [
        {
          path: '/edges/1/condition',
          message: "unknown field 'amont' in form 'quote' (did you mean 'amount'?)",
        },
      ],
    },
    {
      name: 'a field of a linked form that does not exist',
      input: flow({ '==': [{ var: 'customer.level' }, 'gold'] }),
      errors: [{ path: '/edges/1/condition', message: "unknown field 'level' in form 'customer'" }],
    },
    {
      name: 'a start condition and a written value on unknown fields',
      input: {
        ...flow({ '>': [{ var: 'amount' }, 1] }),
        nodes: flow(null).nodes.map((n) =>
          n.id === 'start' ? { ...n, submitWhen: { '==': [{ var: 'state' }, 'sent'] } } : n,
        ),
        onWithdraw: { set: { stage: 'draft' } },
      },
      errors: [
        { path: '/nodes/0/submitWhen', message: "unknown field 'state' in form 'quote'" },
        { path: '/onWithdraw/set/stage', message: "unknown field 'stage' in form 'quote'" },
      ],
    },
  ])('refuses $name', async ({ input, errors }) => {
    expect(await defs.saveDraft('refs', input)).toEqual({ ok: false, errors });
  });

  it('publish checks again: a field deleted since the draft was saved refuses the publish', async () => {
    expect(
      await defs.saveDraft('refs', { ...flow({ '==': [{ var: 'region' }, 'north'] }), key: 'regional' }),
    ).toEqual({
      ok: true,
    });
    await publishForms(t.db, 'refs', [
      {
        ...quote(),
        fields: quote().fields.map((f) => (f.key === 'region' ? { ...f, deleted: true } : f)),
      } as FormDefinition,
    ]);
    expect(await defs.publish('refs', 'regional')).toEqual({
      ok: false,
      errors: [{ path: '/edges/1/condition', message: "unknown field 'region' in form 'quote'" }],
    });
  });

  it('a BPMN import saved as a draft goes through the same check', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="imported"><bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" default="f3" /><bpmn:userTask id="u" /><bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" />
  <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="u"><bpmn:conditionExpression>\${total &gt; 10}</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e" /><bpmn:sequenceFlow id="f4" sourceRef="u" targetRef="e" /></bpmn:process></bpmn:definitions>`;
    const imported = await importBpmn(xml, { form: 'quote' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(await defs.saveDraft('refs', imported.definition)).toEqual({
      ok: false,
      errors: [{ path: '/edges/1/condition', message: "unknown field 'total' in form 'quote'" }],
    });
  });
});
