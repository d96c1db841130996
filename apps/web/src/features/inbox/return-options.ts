import type { FlowTimeline } from '../../api/tasks.api';
import type { Locale } from '../../i18n/namespaces';
import { pickLabel } from '../../i18n/use-locale';

/** The task steps a return may go back to (pure): the initiator, then earlier steps, in order. */
export function returnOptions(
  timeline: FlowTimeline | undefined,
  currentNodeId: string | null,
  locale: Locale,
  initiatorText: string,
): { value: string; label: string }[] {
  const out = [{ value: 'initiator', label: initiatorText }];
  if (!timeline) return out;
  const seen = new Set<string>();
  for (const entry of timeline.history) {
    const type = (entry.detail as { type?: unknown } | null)?.type;
    if (entry.kind !== 'node-entered' || !entry.nodeId || entry.nodeId === currentNodeId) continue;
    if (type !== 'approval' && type !== 'user_task') continue;
    if (seen.has(entry.nodeId)) continue;
    seen.add(entry.nodeId);
    out.push({ value: entry.nodeId, label: pickLabel(timeline.nodes[entry.nodeId], locale, entry.nodeId) });
  }
  return out;
}
