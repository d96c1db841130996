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
  it('export → import gives the same definition', async () => {
    expect(validateFlowDefinition(orderFlow).ok).toBe(true);
    const xml = await exportBpmn(orderFlow as never);
    expect(xml).toContain('<bpmn:userTask id="director" name="Director">');
    expect(xml).toContain('<bpmn:multiInstanceLoopCharacteristics isSequential="true"');
    expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>');
    expect(xml).toContain('<bpmn:exclusiveGateway id="limit" name="Over the limit?" default="e_default"');
    expect(xml).toContain('<bpmndi:BPMNShape id="director_di" bpmnElement="director">');
    const back = await importBpmn(xml);
    expect(back).toEqual({ ok: true, definition: orderFlow });
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
    <bpmn:startEvent id="msg_start"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:startEvent>
    <bpmn:scriptTask id="script" />
    <bpmn:userTask id="review" />
    <bpmn:boundaryEvent id="escalate" attachedToRef="review"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:subProcess id="sub" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="msg_start" targetRef="script" />
  </bpmn:process>
</bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'quote' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unsupported.map((u) => `${u.type}#${u.id}`)).toEqual([
      'StartEvent#msg_start',
      'ScriptTask#script',
      'BoundaryEvent#escalate',
      'SubProcess#sub',
    ]);
    expect(result.errors[0]!.message).toContain(
      'StartEvent (msg_start) is outside the supported BPMN subset',
    );
  });

  it.each([
    {
      name: 'a condition that is not JSON-Logic',
      flow: '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"><bpmn:conditionExpression>amount &gt; 5</bpmn:conditionExpression></bpmn:sequenceFlow>',
      message: 'the condition must be JSON-Logic',
    },
    { name: 'a broken document', flow: '<bpmn:sequenceFlow', message: 'not BPMN 2.0 XML' },
    { name: 'a graph that does not validate', flow: '', message: 'cannot be reached from the start' },
  ])('refuses $name', async ({ flow, message }) => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" />${flow}</bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml, { form: 'quote' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toContain(message);
  });
});
