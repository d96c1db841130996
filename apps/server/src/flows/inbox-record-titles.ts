import type { InboxItem } from '@tessera/flows';
import { createFormService, createRecordService } from '@tessera/forms';
import { titleFieldOf } from '@tessera/schema';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';

export type TitledItem<T extends InboxItem = InboxItem> = T & { readonly recordTitle: string | null };

/**
 * Inbox lines name their record the way people know it — the value of the form's title field
 * (`QT-2026-00012`), never its id. Read as the system in one query per form on the page; a title
 * field hidden from the viewer's role leaves the title out (null), like the record itself would.
 */
export async function withRecordTitles<T extends InboxItem>(
  request: FastifyRequest,
  deps: { db: Kysely<any>; clock?: Clock | undefined },
  items: readonly T[],
): Promise<TitledItem<T>[]> {
  const groups = new Map<string, { app: string; form: string; ids: Set<string> }>();
  for (const item of items) {
    if (!item.recordId) continue;
    const key = `${item.appKey}/${item.formKey}`;
    const group = groups.get(key) ?? { app: item.appKey, form: item.formKey, ids: new Set<string>() };
    group.ids.add(item.recordId);
    groups.set(key, group);
  }
  const clock = deps.clock ?? systemClock;
  const forms = createFormService({ db: deps.db, actor: { id: null }, clock });
  const records = createRecordService({ db: deps.db, actor: { id: null }, clock });
  const titles = new Map<string, string>(); // app/form/id → title
  for (const [key, group] of groups) {
    const published = await forms.getPublished(group.app, group.form).catch(() => null);
    const field = published ? titleFieldOf(published.definition) : undefined;
    if (!field) continue;
    const who = await authorize(request, { app: group.app, form: group.form, action: 'task.read' });
    if (who.form?.hidden.includes(field.key)) continue;
    const ids = [...group.ids];
    const page = await records
      .list(group.app, group.form, { filter: { in: [{ var: 'id' }, ids] }, limit: ids.length })
      .catch(() => null);
    for (const record of page?.items ?? []) {
      const value = record[field.key];
      if (typeof value === 'string' || typeof value === 'number')
        titles.set(`${key}/${String(record.id)}`, String(value));
    }
  }
  return items.map((item) => ({
    ...item,
    recordTitle: item.recordId
      ? (titles.get(`${item.appKey}/${item.formKey}/${item.recordId}`) ?? null)
      : null,
  }));
}
