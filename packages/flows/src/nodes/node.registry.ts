import { approvalNode } from './approval.flow-node';
import { endNode } from './end.flow-node';
import { exclusiveGatewayNode } from './exclusive-gateway.flow-node';
import type { NodeRegistry } from './node-behavior';
import { parallelGatewayNode } from './parallel-gateway.flow-node';
import { serviceNode } from './service.flow-node';
import { startNode } from './start.flow-node';
import { subflowNode } from './subflow.flow-node';
import { timerNode } from './timer.flow-node';
import { userTaskNode } from './user-task.flow-node';
import { waitNode } from './wait.flow-node';

/** Every node type, by `type`: adding a type is one file and one line here. */
export const NODE_TYPES: NodeRegistry = {
  start: startNode,
  end: endNode,
  approval: approvalNode,
  user_task: userTaskNode,
  service: serviceNode,
  exclusive_gateway: exclusiveGatewayNode,
  parallel_gateway: parallelGatewayNode,
  timer: timerNode,
  wait: waitNode,
  subflow: subflowNode,
};
