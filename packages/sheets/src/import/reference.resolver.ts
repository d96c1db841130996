import type { RecordService } from '@tessera/forms';
import type { FormDefinition, Parsed } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { RefResolver } from '../convert/cell-value.converter';
import { identifyingFields } from './identifying-fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a chunk's cells asked for: user names and link texts by target form. */
export class RefRequests implements RefResolver {
  readonly users = new Set<string>();
  readonly links = new Map<string, Set<string>>();
  user(text: string): Parsed<string> {
    if (!UUID.test(text)) this.users.add(text);
    return { ok: true, value: text };
  }
  link(form: string, text: string): Parsed<string> {
    if (!UUID.test(text)) (this.links.get(form) ?? this.links.set(form, new Set()).get(form)!).add(text);
    return { ok: true, value: text };
  }
  get empty(): boolean {
    return this.users.size === 0 && this.links.size === 0;
  }
}

type Found = Map<string, string | 'ambiguous'>;

/**
 * Answers a chunk's user and link cells from two kinds of batched reads: users by user name (or
 * display name when it is unique), linked records through the records service's list — so the
 * reader's row scope applies — matched on the target form's identifying fields.
 */
export async function resolveRefs(
  requests: RefRequests,
  deps: {
    db: Kysely<any>;
    records: RecordService;
    app: string;
    formOf: (key: string) => Promise<FormDefinition>;
  },
): Promise<RefResolver> {
  const users = await findUsers(deps.db, [...requests.users]);
  const links = new Map<string, Found>();
  for (const [form, texts] of requests.links) {
    links.set(form, await findRecords(deps, form, [...texts]));
  }
  return {
    user(text) {
      if (UUID.test(text)) return { ok: true, value: text };
      const id = users.get(text.toLowerCase());
      if (id === 'ambiguous')
        return { ok: false, message: `"${text}" names more than one user: use the user name` };
      return id ? { ok: true, value: id } : { ok: false, message: `no user "${text}"` };
    },
    link(form, text) {
      if (UUID.test(text)) return { ok: true, value: text };
      const id = links.get(form)?.get(text);
      if (id === 'ambiguous') return { ok: false, message: `"${text}" matches more than one ${form} record` };
      return id ? { ok: true, value: id } : { ok: false, message: `no ${form} record "${text}"` };
    },
  };
}

async function findUsers(db: Kysely<any>, names: string[]): Promise<Found> {
  const found: Found = new Map();
  if (names.length === 0) return found;
  const lower = names.map((n) => n.toLowerCase());
  const rows = await sql<{ id: string; username: string; display_name: string }>`
    select id, username, display_name from tessera.users
    where lower(username) = any(${lower}::text[]) or lower(display_name) = any(${lower}::text[])`.execute(db);
  // user names first (they are unique); display names only where no user name matched
  for (const row of rows.rows) found.set(row.username.toLowerCase(), row.id);
  for (const row of rows.rows) {
    const name = row.display_name.toLowerCase();
    if (rows.rows.some((r) => r.username.toLowerCase() === name)) continue;
    const seen = found.get(name);
    found.set(name, seen === undefined || seen === row.id ? row.id : 'ambiguous');
  }
  return found;
}

async function findRecords(
  deps: { records: RecordService; app: string; formOf: (key: string) => Promise<FormDefinition> },
  formKey: string,
  texts: string[],
): Promise<Found> {
  const found: Found = new Map();
  const fields = identifyingFields(await deps.formOf(formKey));
  if (fields.length === 0 || texts.length === 0) return found;
  const filter = { or: fields.map((f) => ({ in: [{ var: f.key }, texts] })) };
  const wanted = new Set(texts);
  let cursor: string | undefined;
  do {
    const page = await deps.records.list(deps.app, formKey, {
      filter,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      // a text matching the title of one record and the code of another is ambiguous
      const names = new Set(fields.map((f) => item[f.key]).filter((v): v is string => typeof v === 'string'));
      for (const name of names) {
        if (!wanted.has(name)) continue;
        const seen = found.get(name);
        found.set(name, seen === undefined || seen === item.id ? item.id : 'ambiguous');
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}
