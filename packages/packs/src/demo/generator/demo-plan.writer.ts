import type { RecordService } from '@tessera/forms';
import type { MovableClock } from '@tessera/logic';
import { monthOf } from './demo-calendar.js';
import { DEMO_FORMS, type DemoForm, type DemoPlan, isRef, type PlannedRecord } from './demo-plan.js';

/**
 * Writes a plan through the records service's bulk import path (`importCreate`: validation,
 * defaults, formulas, rollups, auto-numbers and history as for any create, ONE statement per
 * chunk, nothing read back): form by form in link order, each form's records by business time in
 * chunks of one calendar month (so auto-numbers and created_at carry that month) and at most
 * `chunkSize` records. Runs inside the caller's transaction (no savepoint: a refused record is a
 * generator bug and aborts the batch). Links to planned records are resolved to the ids just
 * created. Returns the ids per form, by plan index.
 */
export async function writeDemoPlan(
  records: RecordService,
  /** The clock the records service reads while a chunk is written: set to the chunk's business time. */
  clock: MovableClock,
  input: {
    app: string;
    plan: DemoPlan;
    chunkSize: number;
    /** The demo's "now": a record planned later on today's business hours is created at it. */
    notAfter?: Date;
    signal?: AbortSignal;
    /** Milliseconds spent in the records service per form, added to. */
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
      const at = list[chunk[0]!]!.at;
      clock.set(input.notAfter && at > input.notAfter ? input.notAfter : at);
      const started = performance.now();
      let created: readonly (string | null)[];
      try {
        const result = await records.importCreate(
          input.app,
          form,
          chunk.map((i) => resolve(list[i]!.values)),
          { savepoint: false },
        );
        if (result.refused.length > 0) throw result.refused[0];
        created = result.ids;
      } catch (error) {
        throw refusal(form, chunk, error);
      }
      if (input.timings) input.timings[form] += performance.now() - started;
      created.forEach((id, j) => {
        formIds[chunk[j]!] = String(id);
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

/** A refused record names its form and plan index: the generator planned something the form refuses. */
function refusal(form: DemoForm, chunk: readonly number[], error: unknown): Error {
  const e = error as Error & { index?: number; errors?: readonly { path: string; message: string }[] };
  const detail = (e.errors ?? []).map((x) => ` ${x.path}: ${x.message}`).join(';');
  const which = e.index === undefined ? '' : ` (record ${chunk[e.index]})`;
  return new Error(`demo data: writing ${form}${which} failed: ${e.message}${detail}`, { cause: error });
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
