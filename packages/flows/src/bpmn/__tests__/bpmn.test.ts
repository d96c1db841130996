import { describe, expect, it } from 'vitest';
import { validateFlowDefinition } from '../../definitions/flow-definition.validator';
import { exportBpmn } from '../bpmn.export';
import { importBpmn } from '../bpmn.import';

const orderFlow = {
  key: 'order_to_cash',
  title: { en: 'Order to cash', 'zh-CN': '订单到回款' },
  form: 'quote',
  allowWithdraw: false,
  messageChannels: ['in_app'],
  nodes: [
    {
      id: 'start',
      type: 'start',
      on: ['manual', 'record_submitted'],
      submitWhen: { '==': [{ var: 'status' }, 'pending_approval'] },
      fields: { discount: 'edit' },
      position: { x: 0, y: 100 },
    },
    { id: 'limit', type: 'exclusive_gateway', label: { en: 'Over the limit?' } },
    {
      id: 'director',
      type: 'approval',
      label: { en: 'Director', 'zh-CN': '销售总监' },
      assignees: [{ kind: 'role', role: 'sales_director' }],
      mode: 'any',
      actions: ['approve', 'reject', 'return', 'comment'],
      due: { after: 'P2D', action: 'remind', remindEvery: 'PT8H' },
      fields: { discount: 'edit', cost: 'hidden' },
    },
    {
      id: 'board',
      type: 'approval',
      assignees: [{ kind: 'role', role: 'board' }],
      mode: 'vote',
      passRatio: 0.6,
      onReject: { action: 'return', to: 'director' },
    },
    {
      id: 'legal_check',
      type: 'approval',
      assignees: [{ kind: 'role', role: 'legal' }],
      onReject: { action: 'return_to_initiator' },
    },
    { id: 'legal', type: 'approval', assignees: [{ kind: 'role', role: 'legal' }], mode: 'sequential' },
    { id: 'finance', type: 'user_task', assignees: [{ kind: 'manager', level: 2 }], mode: 'all' },
    { id: 'plain', type: 'user_task', assignees: [{ kind: 'initiator' }] },
    {
      id: 'make_order',
      type: 'service',
      action: {
        type: 'create_record',
        form: 'sales_order',
        values: { total: { var: 'amount' } },
        linkBack: 'quote',
      },
    },
    { id: 'fork', type: 'parallel_gateway' },
    { id: 'cool_off', type: 'timer', duration: 'P1D' },
    { id: 'eve', type: 'timer', until: 'delivery_date', offset: 'P1D', before: true },
    { id: 'join', type: 'parallel_gateway' },
    { id: 'paid', type: 'wait', condition: { '>=': [{ var: 'paid' }, { var: 'amount' }] }, timeout: 'P30D' },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'limit' },
    { from: 'limit', to: 'director', condition: { '>': [{ var: 'amount' }, 100000] }, label: { en: 'over' } },
    { id: 'e_default', from: 'limit', to: 'make_order', default: true },
    { from: 'director', to: 'board' },
    { from: 'board', to: 'legal' },
    { from: 'legal', to: 'legal_check' },
    { from: 'legal_check', to: 'finance' },
    { from: 'finance', to: 'plain' },
    { from: 'plain', to: 'make_order' },
    { from: 'make_order', to: 'fork' },
    { from: 'fork', to: 'cool_off' },
    { from: 'fork', to: 'eve' },
    { from: 'cool_off', to: 'join' },
    { from: 'eve', to: 'join' },
    { from: 'join', to: 'paid' },
    { from: 'paid', to: 'end' },
  ],
};

describe('BPMN 2.0 XML', () => {
  it('export → import gives the same definition, with the layout the export drew kept', async () => {
    expect(validateFlowDefinition(orderFlow).ok).toBe(true);
    const xml = await exportBpmn(orderFlow as never);
    expect(xml).toContain('<bpmn:userTask id="director" name="Director"');
    expect(xml).toContain('<bpmn:multiInstanceLoopCharacteristics isSequential="true"');
    expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>');
    expect(xml).toContain('<bpmn:exclusiveGateway id="limit" name="Over the limit?" default="e_default"');
    expect(xml).toContain('<bpmndi:BPMNShape id="director_di" bpmnElement="director">');
    const back = await importBpmn(xml);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const { nodes, edges, ...rest } = back.definition;
    const { nodes: n0, edges: e0, ...rest0 } = orderFlow;
    expect(rest).toEqual(rest0);
    expect(nodes.map(({ position: _p, ...node }) => node)).toEqual(
      n0.map(({ position: _p, ...node }) => node),
    );
    expect(edges.map(({ waypoints: _w, ...edge }) => edge)).toEqual(e0);
    // the export laid the flow out (not every node had a position); the import keeps that layout
    expect(nodes.every((n) => n.position) && edges.every((e) => e.waypoints)).toBe(true);
    // and from then on export → import is exact
    expect(await importBpmn(await exportBpmn(back.definition))).toMatchObject({
      ok: true,
      definition: back.definition,
    });
  });

  it('keeps diagram ids that are not flow ids (a leading "_", a ".") and writes them back', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="leave" name="Leave">
    <bpmn:startEvent id="_1" /><bpmn:userTask id="_2" name="Boss" /><bpmn:endEvent id="end.1" />
    <bpmn:sequenceFlow id="_3" sourceRef="_1" targetRef="_2" /><bpmn:sequenceFlow id="_4" sourceRef="_2" targetRef="end.1" />
  </bpmn:process>
</bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'leave' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.definition.nodes.map((n) => [n.id, n.bpmnId])).toEqual([
      ['1', '_1'],
      ['2', '_2'],
      ['end_1', 'end.1'],
    ]);
    expect(result.definition.edges[1]).toMatchObject({ id: '4', bpmnId: '_4', from: '2', to: 'end_1' });
    const again = await exportBpmn(result.definition);
    expect(again).toContain('<bpmn:userTask id="_2" name="Boss" camunda:assignee="$' + '{initiator}">');
    expect(again).toContain('<bpmn:sequenceFlow id="_4" sourceRef="_2" targetRef="end.1"');
    expect(again).toContain('bpmnElement="end.1"');
  });

  it('the names edited in a modeler win on re-import; other translations are kept and flagged', async () => {
    const xml = (await exportBpmn(orderFlow as never))
      .replace(
        '<bpmn:userTask id="director" name="Director"',
        '<bpmn:userTask id="director" name="Sales director"',
      )
      .replace('name="Over the limit?"', '')
      .replace('name="Order to cash"', 'name="Quote to cash"');
    const result = await importBpmn(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = new Map(result.definition.nodes.map((n) => [n.id, n]));
    expect(byId.get('director')!.label).toEqual({ en: 'Sales director', 'zh-CN': '销售总监' });
    expect(byId.get('limit')!.label).toBeUndefined();
    expect(result.definition.title).toEqual({ en: 'Quote to cash', 'zh-CN': '订单到回款' });
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        "UserTask 'Sales director' (director) was renamed in the diagram to 'Sales director'; check its zh-CN name ('销售总监')",
      ]),
    );
  });

  it('a parser warning (an encoding it does not read) is reported, not a refusal', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p"><bpmn:startEvent id="s" /><bpmn:task id="t" name="Check" /><bpmn:endEvent id="e" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /></bpmn:process>
</bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'quote' });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'the XML parser: unsupported document encoding <ISO-8859-1>, falling back to UTF-8',
      "Task 'Check' (t) has no task type: imported as a user task; it goes to the initiator until its assignees are set in the designer",
    ]);
    if (result.ok)
      expect(result.definition.nodes[1]).toEqual({
        id: 't',
        type: 'user_task',
        label: { en: 'Check' },
        assignees: [{ kind: 'initiator' }],
      });
  });

  it('reads a diagram from another modeler: user tasks become approvals, markers become modes', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="x">
  <bpmn:process id="leave_request" name="Leave request" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="team" name="Team leads">
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances/nrOfInstances &gt;= 0.5}</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:userTask id="hr" name="HR"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="team" />
    <bpmn:sequenceFlow id="f2" sourceRef="team" targetRef="hr" />
    <bpmn:sequenceFlow id="f3" sourceRef="hr" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'leave' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition).toMatchObject({
      key: 'leave_request',
      title: { en: 'Leave request' },
      form: 'leave',
    });
    expect(result.definition.nodes[1]).toEqual({
      id: 'team',
      type: 'approval',
      label: { en: 'Team leads' },
      assignees: [{ kind: 'initiator' }],
      mode: 'vote',
      passRatio: 0.5,
    });
    expect(result.definition.nodes[2]).toMatchObject({ id: 'hr', mode: 'all' });
  });

  it('refuses a diagram outside the subset, listing every unsupported element and its id', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:message id="m1" name="order" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="msg_start" name="Order in"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:startEvent>
    <bpmn:scriptTask id="script" name="Compute" />
    <bpmn:userTask id="review" />
    <bpmn:boundaryEvent id="escalate" attachedToRef="review"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:subProcess id="sub" />
    <bpmn:serviceTask id="_call" name="Call ERP" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="msg_start" targetRef="script" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"><bpmn:conditionExpression>\${execution.getVariable("x") == 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'quote' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unsupported).toEqual([
      {
        id: 'msg_start',
        name: 'Order in',
        type: 'StartEvent',
        reason: 'MessageEventDefinition events are not supported',
      },
      {
        id: 'script',
        name: 'Compute',
        type: 'ScriptTask',
        reason: 'this element type is not run by Tessera',
      },
      { id: 'escalate', type: 'BoundaryEvent', reason: 'this element type is not run by Tessera' },
      { id: 'sub', type: 'SubProcess', reason: 'this element type is not run by Tessera' },
      {
        id: '_call',
        name: 'Call ERP',
        type: 'ServiceTask',
        reason: 'a service task runs a Tessera action (tessera:config); its own implementation is not run',
      },
    ]);
    // one response: every unsupported element, then the condition it cannot translate
    expect(result.errors.map((e) => e.path)).toEqual([
      'msg_start',
      'script',
      'escalate',
      'sub',
      '_call',
      'f2',
    ]);
    expect(result.errors[0]!.message).toBe(
      "StartEvent 'Order in' (msg_start) is outside the supported BPMN subset: MessageEventDefinition events are not supported",
    );
    expect(result.errors[5]!.message).toContain(
      `SequenceFlow f2: the condition $` +
        '{execution.getVariable("x") == 1} (JUEL) is not translated: function calls (execution.getVariable(…)) are not translated. Tessera accepts JSON-Logic',
    );
  });

  it('speaks in BPMN ids and names when the graph does not hold', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p"><bpmn:startEvent id="_s" /><bpmn:userTask id="_lost" name="Forgotten" /><bpmn:endEvent id="_e" />
  <bpmn:sequenceFlow id="_f" sourceRef="_s" targetRef="_e" /><bpmn:sequenceFlow id="_g" sourceRef="_lost" targetRef="_e" /></bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'quote' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        {
          path: '_lost',
          message: `UserTask 'Forgotten' (_lost): node "_lost" cannot be reached from the start`,
        },
      ]);
  });

  it('a collaboration of several pools: the message lists them, the user picks one by id or name', async () => {
    const pool = (id: string) =>
      `<bpmn:process id="${id}"><bpmn:startEvent id="${id}_s" /><bpmn:endEvent id="${id}_e" /><bpmn:sequenceFlow id="${id}_f" sourceRef="${id}_s" targetRef="${id}_e" /></bpmn:process>`;
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:collaboration id="c"><bpmn:participant id="pa" name="Sales" processRef="Process_A" /><bpmn:participant id="pb" name="Stock" processRef="Process_B" /></bpmn:collaboration>
  ${pool('Process_A')}${pool('Process_B')}</bpmn:definitions>`;
    const refused = await importBpmn(xml, { form: 'quote' });
    expect(refused).toMatchObject({
      ok: false,
      errors: [
        {
          path: '',
          message:
            "the diagram holds 2 processes (pools): 'Sales' (Process_A), 'Stock' (Process_B). Choose one by its id or name (the \"process\" option of the import)",
        },
      ],
    });
    for (const process of ['Stock', 'Process_B', 'pb'])
      expect(await importBpmn(xml, { form: 'quote', process })).toMatchObject({
        ok: true,
        definition: {
          key: 'stock',
          title: { en: 'Stock' },
          nodes: [{ id: 'Process_B_s' }, { id: 'Process_B_e' }],
        },
      });
    expect(await importBpmn(xml, { form: 'quote', process: 'Billing' })).toMatchObject({
      ok: false,
      errors: [
        {
          message:
            "the diagram has no process or pool 'Billing'; it holds 'Sales' (Process_A), 'Stock' (Process_B)",
        },
      ],
    });
  });

  it.each([
    {
      name: 'a condition that is neither JSON-Logic nor a simple comparison',
      flow: '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"><bpmn:conditionExpression>amount * 2 &gt; 5</bpmn:conditionExpression></bpmn:sequenceFlow>',
      message: "SequenceFlow f1: the condition amount * 2 > 5 is not translated: '* 2 > 5' is not a field",
    },
    {
      name: 'a diagram that names no form',
      flow: '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" />',
      form: null,
      message: 'the diagram does not say which form the flow runs on',
    },
    { name: 'a broken document', flow: '<bpmn:sequenceFlow', message: 'not BPMN 2.0 XML' },
    { name: 'a graph that does not validate', flow: '', message: 'cannot be reached from the start' },
  ] as { name: string; flow: string; message: string; form?: null }[])(
    'refuses $name',
    async ({ flow, message, form }) => {
      const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" />${flow}</bpmn:process></bpmn:definitions>`;
      const result = await importBpmn(xml, form === null ? {} : { form: 'quote' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toContain(message);
    },
  );
});
