import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormService } from '../../form.service';
import { validateFormDefinition } from '../../model/form-definition.validator';
import { publishForms, records, testClock } from '../__fixtures__/records-test-kit';
import { RecordsError } from '../records.error';

const label = (en: string) => ({ en });
const partForm = (uniqueIgnoreCase: boolean): FormDefinition => ({
  key: 'part',
  title: label('Part'),
  fields: [
    { id: 'p1', key: 'code', type: 'text', label: label('Code'), unique: true, uniqueIgnoreCase },
    { id: 'p2', key: 'email', type: 'email', label: label('E-mail'), unique: true, uniqueIgnoreCase: true },
  ],
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'ci', [partForm(false)]);
});
afterAll(() => t?.close());

async function refusal(promise: Promise<unknown>): Promise<RecordsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RecordsError)) throw new Error(`expected a RecordsError, got ${String(error)}`);
  return error;
}

describe('uniqueIgnoreCase on a text field', () => {
  it('needs unique', () => {
    const form = partForm(true);
    const result = validateFormDefinition({
      ...form,
      fields: [{ ...form.fields[0]!, unique: false } as FormDefinition['fields'][number], form.fields[1]!],
    });
    expect(result.ok ? [] : result.errors).toContainEqual({
      path: '/fields/0/uniqueIgnoreCase',
      message: 'needs unique: true',
    });
  });

  it('an e-mail differing only in case is refused with a field error', async () => {
    const svc = records(t.db);
    await svc.create('ci', 'part', { code: 'E-1', email: 'Buyer@Acme.test' });
    const dup = await refusal(svc.create('ci', 'part', { code: 'E-2', email: 'buyer@acme.TEST' }));
    expect(dup.errors).toMatchObject([{ path: 'email', message: 'must be unique' }]);
  });

  it('a publish turning it on lists the rows that differ only in case, then the index refuses abc-1 beside ABC-1', async () => {
    const svc = records(t.db);
    const upper = await svc.create('ci', 'part', { code: 'ABC-1' });
    const lower = await svc.create('ci', 'part', { code: 'abc-1' }); // case-sensitive: allowed
    const forms = createFormService({ db: t.db, actor: { id: null }, clock: testClock() });
    const draft = await forms.saveDraft('ci', partForm(true));
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    const plan = await forms.plan('ci', 'part', draft.version);
    const create = plan.actions.find((a) => a.kind === 'add_index' && a.description.includes('lower(code)'));
    expect(create?.statements).toEqual([
      'CREATE UNIQUE INDEX "part__code__uq_ci" ON "app_ci"."part" (lower("code")) WHERE "deleted_at" IS NULL',
    ]);
    expect(plan.ok).toBe(false);
    expect(plan.refusals).toEqual([
      expect.objectContaining({
        code: 'data_check_failed',
        offending: expect.arrayContaining([
          expect.objectContaining({ id: upper.id }),
          expect.objectContaining({ id: lower.id }),
        ]),
      }),
    ]);

    await svc.delete('ci', 'part', String(lower.id));
    const published = await forms.publish('ci', 'part', draft.version);
    expect(published.ok).toBe(true);
    const dup = await refusal(svc.create('ci', 'part', { code: 'Abc-1' }));
    expect(dup.errors).toMatchObject([{ path: 'code', message: 'must be unique' }]);
    const changed = await svc.create('ci', 'part', { code: 'abc-2' });
    const clash = await refusal(svc.update('ci', 'part', String(changed.id), 1, { code: 'ABC-1' }));
    expect(clash.errors).toMatchObject([{ path: 'code', message: 'must be unique' }]);
    // a deleted record's value is free again, in any case
    await svc.delete('ci', 'part', String(upper.id));
    expect((await svc.create('ci', 'part', { code: 'abc-1' })).code).toBe('abc-1');
  });
});
