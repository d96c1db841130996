import { createFormService, createRecordService, RecordsError } from '@tessera/forms';
import { type FormDefinition, titleFieldOf } from '@tessera/schema';
import type { Kysely } from 'kysely';
import type { Clock } from '../config/clock';

type LocalText = Readonly<Record<string, string>>;
const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * How people name a record in a flow's messages: the form's title, the record's title field and the
 * title of its first linked record — `报价单 QT-2026-0012 · 华东精密` / `Quote QT-2026-0012 · 华东精密`.
 * Read as the system on the step's transaction (the message goes to the people the flow chose);
 * null when the record or its form is gone.
 */
export async function readRecordName(
  executor: Kysely<any>,
  clock: Clock,
  ref: { appKey: string; formKey: string; recordId: string },
): Promise<LocalText | null> {
  const forms = createFormService({ db: executor, actor: { id: null }, clock });
  const records = createRecordService({ db: executor, actor: { id: null }, clock });
  const definition = async (form: string) =>
    (await forms.getPublished(ref.appKey, form).catch(() => null))?.definition ?? null;
  const read = (form: string, id: string) =>
    records.get(ref.appKey, form, id).catch((error: unknown) => {
      if (error instanceof RecordsError) return null;
      throw error;
    });
  const form = await definition(ref.formKey);
  const record = form ? await read(ref.formKey, ref.recordId) : null;
  if (!form || !record) return null;
  const title = titleOf(form, record);
  const link = form.fields.find((f) => f.type === 'link' && !f.deleted && typeof record[f.key] === 'string');
  let about: string | null = null;
  if (link?.type === 'link') {
    const target = await definition(link.form);
    const linked = target ? await read(link.form, String(record[link.key])) : null;
    about = target && linked ? titleOf(target, linked) : null;
  }
  const name: Record<string, string> = {};
  for (const lang of LANGUAGES) {
    const formTitle = (form.title as LocalText)[lang] ?? (form.title as LocalText)['zh-CN'] ?? form.key;
    name[lang] = [[formTitle, title].filter(Boolean).join(' '), about].filter(Boolean).join(' · ');
  }
  return name;
}

function titleOf(form: FormDefinition, record: Readonly<Record<string, unknown>>): string | null {
  const field = titleFieldOf(form);
  const value = field ? record[field.key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
