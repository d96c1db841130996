import type { ModdleElement } from './moddle-types';

export type ProcessChoice =
  | { readonly ok: true; readonly process: ModdleElement; readonly name?: string; readonly warning?: string }
  | { readonly ok: false; readonly message: string };

interface Candidate {
  readonly process: ModdleElement;
  /** The pool's name (a participant), else the process's own. */
  readonly name?: string;
  readonly participantId?: string;
}

const describe = (c: Candidate) => (c.name ? `'${c.name}' (${c.process.id})` : String(c.process.id));

/**
 * The process a flow is made of. A diagram with one process is that one; a collaboration with
 * several pools needs `wanted` — a process's or pool's id or name — unless only one pool has
 * anything in it. Refusals list the pools to choose from.
 */
export function pickProcess(definitions: ModdleElement, wanted: string | undefined): ProcessChoice {
  const roots = (definitions.rootElements ?? []) as ModdleElement[];
  const processes = roots.filter((e) => e.$type === 'bpmn:Process');
  const participants = roots
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .flatMap((c) => (c.participants ?? []) as ModdleElement[]);
  const candidates: Candidate[] = processes.map((process) => {
    const pool = participants.find((p) => p.processRef === process);
    return { process, name: process.name || pool?.name || undefined, participantId: pool?.id };
  });
  if (candidates.length === 0) return { ok: false, message: 'the diagram holds no process' };
  const list = candidates.map(describe).join(', ');
  if (wanted !== undefined) {
    const found = candidates.filter(
      (c) =>
        c.process.id === wanted ||
        c.participantId === wanted ||
        c.name === wanted ||
        c.process.name === wanted,
    );
    if (found.length === 1) return { ok: true, process: found[0]!.process, name: found[0]!.name };
    return {
      ok: false,
      message:
        found.length === 0
          ? `the diagram has no process or pool '${wanted}'; it holds ${list}`
          : `'${wanted}' names ${found.length} processes (${found.map(describe).join(', ')}): choose one by id`,
    };
  }
  if (candidates.length === 1)
    return { ok: true, process: candidates[0]!.process, name: candidates[0]!.name };
  const drawn = candidates.filter((c) => ((c.process.flowElements ?? []) as unknown[]).length > 0);
  if (drawn.length === 1) {
    const others = candidates.filter((c) => c !== drawn[0]).map(describe);
    return {
      ok: true,
      process: drawn[0]!.process,
      name: drawn[0]!.name,
      warning: `imported the process ${describe(drawn[0]!)}; the empty pools ${others.join(', ')} are left out`,
    };
  }
  return {
    ok: false,
    message: `the diagram holds ${candidates.length} processes (pools): ${list}. Choose one by its id or name (the "process" option of the import)`,
  };
}
