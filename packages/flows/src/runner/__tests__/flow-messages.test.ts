import type { FlowDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../core/flow-graph';
import { nodeName } from '../../core/node-name';
import { ccMessage, outcomeMessage, taskMessage } from '../flow-messages';

const definition = {
  key: 'leave',
  title: { en: 'Leave request', 'zh-CN': '请假申请' },
  form: 'leave',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'n7', type: 'approval', assignees: [{ kind: 'initiator' }] },
    { id: 'hr', type: 'user_task', label: { en: 'HR files it', 'zh-CN': '人事归档' }, assignees: [] },
    { id: 'end', type: 'end', outcome: 'cancelled' },
  ],
  edges: [],
} as unknown as FlowDefinition;
const graph = buildGraph(definition);

describe('flow messages name nodes and outcomes as people know them', () => {
  it('a node without a label is called by its type, never by its id', () => {
    expect(nodeName(definition, 'n7')).toEqual({ en: 'Approval', 'zh-CN': '审批' });
    expect(nodeName(definition, 'hr')).toEqual({ en: 'HR files it', 'zh-CN': '人事归档' });
    const texts = [taskMessage(graph, 'n7', 'approval'), ccMessage(graph, 'n7')];
    for (const text of texts) expect(JSON.stringify(text)).not.toContain('n7');
    expect(taskMessage(graph, 'n7', 'approval').body['zh-CN']).toBe('审批：有一项申请等待您审批。');
  });

  it('an outcome is said in the reader’s language', () => {
    const text = outcomeMessage(graph, 'completed', 'cancelled', null);
    expect(text.body).toEqual({
      en: 'Your request is finished (cancelled).',
      'zh-CN': '您的申请已完成（已取消）。',
    });
  });
});
