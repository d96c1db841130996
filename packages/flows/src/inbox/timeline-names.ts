import type { FlowDefinition } from '@tessera/schema';
import { type NodeName, nodeName } from '../core/node-name';

/** A stored timeline line, as read from tessera.flow_history. */
export interface HistoryRow {
  readonly kind: string;
  readonly nodeId: string | null;
  readonly actorId: string | null;
  readonly detail: unknown;
}

/**
 * A timeline as people read it, pure: the tasks' internal keys (`t5`, the flow core's names for
 * its tasks) in a line's detail become the task ids the API hands out (`newTaskId`, `tasks`),
 * and every user and node the lines mention is collected, so the timeline can carry their
 * display names and node names alongside the ids.
 */
export function publicDetail(detail: unknown, taskIds: ReadonlyMap<string, string>): unknown {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return detail;
  const d = detail as Record<string, unknown>;
  const id = (key: unknown) => (typeof key === 'string' ? (taskIds.get(key) ?? null) : null);
  return {
    ...d,
    ...('newTaskId' in d ? { newTaskId: id(d.newTaskId) } : {}),
    ...(Array.isArray(d.tasks) ? { tasks: d.tasks.map(id).filter((t) => t !== null) } : {}),
  };
}

/** The users (ids) a line names: its actor, a transfer's `to`, the `users` added or copied. */
export function usersNamed(row: HistoryRow): string[] {
  const d = (row.detail ?? {}) as Record<string, unknown>;
  const out = row.actorId ? [row.actorId] : [];
  if (row.kind === 'transferred' && typeof d.to === 'string') out.push(d.to);
  if (Array.isArray(d.users)) out.push(...d.users.filter((u): u is string => typeof u === 'string'));
  return out;
}

/** The nodes (ids) a line names: its own, and where a return went (`to`). */
export function nodesNamed(row: HistoryRow): string[] {
  const d = (row.detail ?? {}) as Record<string, unknown>;
  const out = row.nodeId ? [row.nodeId] : [];
  if (row.kind === 'returned' && typeof d.to === 'string') out.push(d.to);
  return out;
}

/** The names of the nodes given (label, else the node type's name: never the id alone). */
export function nodeNames(
  definition: FlowDefinition | undefined,
  ids: Iterable<string>,
): Record<string, NodeName> {
  const out: Record<string, NodeName> = {};
  if (!definition) return out;
  for (const id of ids) out[id] = nodeName(definition, id);
  return out;
}
