import type { FlowTimeline } from '../../api/tasks.api';
import type { PackLabel } from '../../i18n/use-locale';

/**
 * The timeline kinds people care about; the engine's node-entered/left bookkeeping is left out,
 * and so is `tasks-created` (who a step waits for is the last line while it waits).
 */
export const SHOWN_KINDS = [
  'instance-started',
  'approved',
  'auto-approved',
  'auto-passed',
  'rejected',
  'returned',
  'transferred',
  'signer-added-before',
  'signer-added-after',
  'cc',
  'commented',
  'withdrawn',
  'reminded',
  'resubmitted',
  'record-created',
] as const;
export type ShownKind = (typeof SHOWN_KINDS)[number];
const SHOWN = new Set<string>(SHOWN_KINDS);

export type LineTone = 'green' | 'red' | 'orange' | 'blue' | 'gray';
const TONE: Record<ShownKind, LineTone> = {
  'instance-started': 'blue',
  approved: 'green',
  'auto-approved': 'green',
  'auto-passed': 'gray',
  rejected: 'red',
  returned: 'orange',
  transferred: 'blue',
  'signer-added-before': 'blue',
  'signer-added-after': 'blue',
  cc: 'gray',
  commented: 'gray',
  withdrawn: 'orange',
  reminded: 'orange',
  resubmitted: 'blue',
  'record-created': 'green',
};

export interface TimelineLine {
  readonly key: string;
  readonly at: string;
  readonly kind: ShownKind | 'waiting' | 'ended';
  readonly tone: LineTone;
  /** Who did it (a name; null: the system). */
  readonly actor: string | null;
  /** At which step (its label). */
  readonly node: PackLabel;
  /** Whom it names: the new assignee, the added signers, the people copied, the ones waited for. */
  readonly people: readonly string[];
  /** Where a return went. */
  readonly target: PackLabel;
  readonly comment: string | null;
  /** The instance's outcome on the `ended` line. */
  readonly outcome: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * A flow timeline as people read it (pure): who did what at which step, when, with comments —
 * names instead of ids; then who it waits for now, or how it ended.
 */
export function timelineLines(timeline: FlowTimeline): TimelineLine[] {
  const name = (id: string | null) => (id ? (timeline.users[id] ?? null) : null);
  const names = (ids: readonly string[]) =>
    ids.map((id) => timeline.users[id]).filter((n): n is string => !!n);
  const node = (id: string | null) => (id ? (timeline.nodes[id] ?? null) : null);
  const lines: TimelineLine[] = [];
  timeline.history.forEach((entry, i) => {
    if (!SHOWN.has(entry.kind)) return;
    const kind = entry.kind as ShownKind;
    const d = (entry.detail ?? {}) as Record<string, unknown>;
    const people = kind === 'transferred' ? names(list([d.to])) : names(list(d.users));
    lines.push({
      key: `h${i}`,
      at: entry.at,
      kind,
      tone: TONE[kind],
      actor:
        kind === 'instance-started'
          ? name(entry.actorId ?? timeline.instance.initiatorId)
          : name(entry.actorId),
      node: node(entry.nodeId),
      people,
      target: kind === 'returned' ? node(str(d.to)) : null,
      comment: str(d.comment),
      outcome: null,
    });
  });
  const { instance } = timeline;
  if (instance.status === 'running') {
    const open = timeline.tasks.filter((t) => t.status === 'open');
    if (open.length > 0) {
      const first = open[0]!;
      lines.push({
        key: 'waiting',
        at: first.createdAt,
        kind: 'waiting',
        tone: 'blue',
        actor: null,
        node: node(first.nodeId),
        people: names(open.map((t) => t.assigneeId)),
        target: null,
        comment: null,
        outcome: null,
      });
    }
  } else if (instance.endedAt) {
    lines.push({
      key: 'ended',
      at: instance.endedAt,
      kind: 'ended',
      tone: instance.outcome === 'rejected' ? 'red' : instance.status === 'withdrawn' ? 'gray' : 'green',
      actor: null,
      node: null,
      people: [],
      target: null,
      comment: null,
      outcome: instance.outcome ?? instance.status,
    });
  }
  return lines;
}
