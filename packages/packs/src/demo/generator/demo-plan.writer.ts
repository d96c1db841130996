import type { RecordService } from '@tessera/forms';
import { monthOf } from './demo-calendar.js';
import { DEMO_FORMS, type DemoForm, type DemoPlan, isRef, type PlannedRecord } from './demo-plan.js';

/** The clock the records service reads while a chunk is written: the chunk's business time. */
export interface MovableClock {
  now(): Date;
  set(at: Date): void;
}

export function movableClock(start: Date): MovableClock {
  let current = start;
  return { now: () => current, set: (at) => (current = at) };
}

/**
 * Writes a plan through the records service (validation, defaults, formulas, rollups,
 * auto-numbers, history): form by form in link order, each form's records by business time in
 * chunks of one calendar month (so auto-numbers and created_at carry that month) and at most
 * `chunkSize` records per bulkCreate. Links to planned records are resolved to the ids just
 * created. Returns the ids per form, by plan index.
 */
export async function writeDemoPlan(
  records: RecordService,
  clock: MovableClock,
  input: {
    app: string;
    plan: DemoPlan;
    chunkSize: number;
    signal?: AbortSignal;
    /** Milliseconds spent in bulkCreate per form, added to (what the records service costs). */
    timings?: Record<DemoForm, number>;
  },
): Promise<Map<DemoForm, string[]>> {
  const ids = new Map<DemoForm, string[]>(DEMO_FORMS.map((f) => [f, []]));
  const resolve = (value: unknown): unknown => {
    if (isRef(value)) {
      const id = ids.get(value.$ref)?.[value.index];
      if (!id) throw new Error(`demo data: ${value.$ref} #${value.index} is linked before it was written`);
      return id;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null && !isMoney(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  for (const form of DEMO_FORMS) {
    const list = input.plan.records.get(form) ?? [];
    const formIds = ids.get(form)!;
    for (const chunk of chunks(list, input.chunkSize)) {
      if (input.signal?.aborted) throw new DemoStopped();
      clock.set(list[chunk[0]!]!.at);
      let created: readonly { id: unknown }[];
      const started = performance.now();
      try {
        created = await records.bulkCreate(
          input.app,
          form,
          chunk.map((i) => resolve(list[i]!.values)),
        );
      } catch (error) {
        const e = error as Error & { index?: number; errors?: readonly { path: string; message: string }[] };
        const detail = (e.errors ?? []).map((x) => ` ${x.path}: ${x.message}`).join(';');
        const which = e.index === undefined ? '' : ` (record ${chunk[e.index]})`;
        throw new Error(`demo data: writing ${form}${which} failed: ${e.message}${detail}`, { cause: error });
      }
      if (input.timings) input.timings[form] += performance.now() - started;
      created.forEach((record, j) => {
        formIds[chunk[j]!] = String(record.id);
      });
    }
  }
  return ids;
}

/** Thrown between two chunks when the generation is stopped: the batch's transaction rolls back. */
export class DemoStopped extends Error {
  constructor() {
    super('demo data generation stopped');
  }
}

const isMoney = (v: object) => Object.keys(v).every((k) => k === 'amount' || k === 'currency');

/** Plan indexes ordered by business time, cut at month boundaries and at `size`. */
function chunks(list: readonly PlannedRecord[], size: number): number[][] {
  const order = list.map((_, i) => i).sort((a, b) => list[a]!.at.getTime() - list[b]!.at.getTime() || a - b);
  const out: number[][] = [];
  let current: number[] = [];
  let month = '';
  for (const i of order) {
    const m = monthOf(Math.floor(list[i]!.at.getTime() / 86_400_000));
    if (current.length >= size || (current.length > 0 && m !== month)) {
      out.push(current);
      current = [];
    }
    month = m;
    current.push(i);
  }
  if (current.length > 0) out.push(current);
  return out;
}
