import type { FieldDefinition } from '@tessera/schema';
import type { FormAccess } from '../model/form-access';

/** A refusal naming what the query may not read, by the query model's path. */
export interface AccessIssue {
  readonly path: string;
  readonly message: string;
}

type Forms = Readonly<Record<string, { readonly fields: readonly FieldDefinition[] }>>;

/** What a join alias stands for: a form, or the rows of a line-items field (`items`: its key). */
type Table = {
  readonly form: string;
  readonly fields: readonly FieldDefinition[];
  readonly items?: string;
};

/**
 * Checks a report query model (pure) against the user's access: every form it reads (source,
 * joins — declared, implicit and reverse) needs `read`, and no field path may name a hidden field
 * (dimensions, measures, filters, conditions, date range, join paths). Returns the refusals,
 * each naming the field; the caller answers 403. Row scopes are applied separately, in SQL.
 */
export function checkReportQuery(
  query: unknown,
  forms: Forms,
  accessOf: (form: string) => FormAccess,
): AccessIssue[] {
  const issues: AccessIssue[] = [];
  if (!query || typeof query !== 'object') return issues;
  const q = query as Record<string, any>;
  if (typeof q.source !== 'string' || !Object.hasOwn(forms, q.source)) return issues; // the engine reports it
  const readable = (form: string, path: string) => {
    const ok = accessOf(form).actions.includes('read');
    if (!ok) issues.push({ path, message: `you may not read form "${form}"` });
    return ok;
  };
  const hiddenIn = (table: Table, key: string, path: string) => {
    const hidden = accessOf(table.form).hidden;
    if (table.items) {
      // a row field of a line-items field: hidden as `<items>.<field>`
      if (hidden.includes(`${table.items}.${key}`))
        issues.push({
          path,
          message: `field "${table.items}.${key}" of form "${table.form}" is hidden from you`,
        });
    } else if (hidden.includes(key)) {
      issues.push({ path, message: `field "${key}" of form "${table.form}" is hidden from you` });
    }
  };
  const source: Table = { form: q.source, fields: forms[q.source]!.fields };
  readable(source.form, '/source');
  const aliases = new Map<string, Table>();
  const linkTarget = (table: Table, key: string): Table | null => {
    const field = table.fields.find((f) => f.key === key && f.deleted !== true);
    if (field?.type === 'link' && Object.hasOwn(forms, field.form)) {
      return { form: field.form, fields: forms[field.form]!.fields };
    }
    if (field?.type === 'line_items' && !table.items) {
      return { form: table.form, fields: field.fields as unknown as FieldDefinition[], items: key };
    }
    return null;
  };
  (Array.isArray(q.joins) ? q.joins : []).forEach((join: Record<string, any>, i: number) => {
    const path = `/joins/${i}`;
    if (typeof join?.as !== 'string') return;
    if (typeof join.path === 'string') {
      const segments: string[] = join.path.split('.');
      const parent = segments.length === 1 ? source : aliases.get(segments[0] ?? '');
      const key = segments[segments.length - 1];
      if (!parent || !key) return;
      hiddenIn(parent, key, `${path}/path`);
      const target = linkTarget(parent, key);
      if (!target) return;
      if (target.form !== parent.form) readable(target.form, `${path}/path`);
      aliases.set(join.as, target);
    } else if (typeof join.form === 'string' && Object.hasOwn(forms, join.form)) {
      const other: Table = { form: join.form, fields: forms[join.form]!.fields };
      if (!readable(other.form, path)) return;
      if (typeof join.link === 'string') hiddenIn(other, join.link, `${path}/link`);
      aliases.set(join.as, other);
    }
  });
  for (const { path, where } of fieldPaths(q)) {
    const segments = path.split('.');
    if (segments.length === 1) {
      hiddenIn(source, path, where);
      continue;
    }
    let table = aliases.get(segments[0]!);
    if (!table) {
      // An implicit join through a link of the source (`customer.tier`).
      hiddenIn(source, segments[0]!, where);
      table = linkTarget(source, segments[0]!) ?? undefined;
      if (!table) continue;
      if (table.form !== source.form && !readable(table.form, where)) continue;
    }
    // further segments go on through links (`items.product.name`: a row's link, then its form)
    let reached: Table | null = table;
    for (const segment of segments.slice(1, -1)) {
      hiddenIn(reached, segment, where);
      const next: Table | null = linkTarget(reached, segment);
      reached = next && (next.form === reached.form || readable(next.form, where)) ? next : null;
      if (!reached) break;
    }
    if (reached) hiddenIn(reached, segments[segments.length - 1]!, where);
  }
  return dedupe(issues);
}

/** Every field path the query reads, with where it is (stage queries: the raw-row part). */
function fieldPaths(q: Record<string, any>): { path: string; where: string }[] {
  const out: { path: string; where: string }[] = [];
  const add = (path: unknown, where: string) => {
    if (typeof path === 'string') out.push({ path, where });
  };
  const stage = q.stage && typeof q.stage === 'object' ? q.stage : undefined;
  // With a stage, the outer dimensions and measures read the stage's keys, not fields.
  const levels: [Record<string, any>, string][] = stage ? [[stage, '/stage']] : [[q, '']];
  for (const [level, base] of levels) {
    list(level.dimensions).forEach((d, i) => {
      const where = `${base}/dimensions/${i}`;
      add(d?.field, where);
      vars(d?.expr, where, out);
      for (const c of list(d?.cases)) vars(c?.when, where, out);
    });
    list(level.measures).forEach((m, i) => {
      const where = `${base}/measures/${i}`;
      add(m?.field, where);
      add(m?.from, where);
      add(m?.to, where);
      vars(m?.where, where, out);
    });
  }
  vars(q.filter, '/filter', out);
  add(q.dateRange?.field, '/dateRange/field');
  return out;
}

function vars(node: unknown, where: string, out: { path: string; where: string }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) vars(n, where, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [op, args] of Object.entries(node)) {
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string') out.push({ path, where });
    } else vars(args, where, out);
  }
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function dedupe(issues: AccessIssue[]): AccessIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
