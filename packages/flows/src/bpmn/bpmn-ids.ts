import { STABLE_ID_PATTERN } from '@tessera/schema';

const VALID = new RegExp(STABLE_ID_PATTERN);

/**
 * Flow ids for a diagram's element ids. Most modelers' ids are valid flow ids and are kept as
 * they are (`Activity_0x1`, `sid-4F…`); the others (`_6-61`, as Visio and many tools write, ids
 * with '.', or longer than 64) get a valid id, and the node keeps the original as `bpmnId` so
 * messages and the export speak the diagram's ids.
 */
export function flowIds(bpmnIds: readonly string[]): ReadonlyMap<string, string> {
  const taken = new Set(bpmnIds.filter((id) => VALID.test(id)));
  const out = new Map<string, string>();
  for (const id of bpmnIds) {
    if (VALID.test(id)) {
      out.set(id, id);
      continue;
    }
    const base =
      id
        .replace(/[^A-Za-z0-9_-]/g, '_')
        .replace(/^[_-]+/, '')
        .slice(0, 56) || 'element';
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    out.set(id, candidate);
  }
  return out;
}
