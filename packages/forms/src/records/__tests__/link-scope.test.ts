import type { FormDefinition } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, publishForms, records, testClock } from '../__fixtures__/records-test-kit';
import { createRecordService } from '../record.service';
import type { FormGate, RecordsAccess } from '../record-access';

const label = (en: string) => ({ en });
const party: FormDefinition = {
  key: 'party',
  title: label('Party'),
  fields: [
    { id: 'p1', key: 'name', type: 'text', label: label('Name'), required: true },
    { id: 'p2', key: 'owner', type: 'text', label: label('Owner') },
  ],
};
const deal: FormDefinition = {
  key: 'deal',
  title: label('Deal'),
  fields: [
    { id: 'd1', key: 'party', type: 'link', label: label('Party'), form: 'party' },
    {
      id: 'd2',
      key: 'items',
      type: 'line_items',
      label: label('Items'),
      fields: [
        { id: 'd2a', key: 'supplier', type: 'link', label: label('Supplier'), form: 'party' },
        { id: 'd2b', key: 'qty', type: 'integer', label: label('Qty') },
      ],
    },
  ],
};
const ticket: FormDefinition = {
  key: 'ticket',
  title: label('Ticket'),
  fields: [{ id: 't1', key: 'party', type: 'link', label: label('Party'), form: 'party', linkScope: 'any' }],
};

/** The access port as @tessera/access implements it: "mine" reads only the parties it owns. */
const mine: RecordsAccess = {
  form(runtime): FormGate {
    const scoped = runtime.definition.key === 'party';
    return {
      can: () => true,
      rows: (action, alias) =>
        scoped && action === 'read'
          ? (sql<SqlBool>`${sql.ref(`${alias}.owner`)} = 'me'` as Expression<SqlBool>)
          : null,
      hidden: new Set(),
      readOnly: new Set(),
    };
  },
};

let t: TestDatabase;
const ids: Record<string, string> = {};
const MISSING = '00000000-0000-4000-8000-000000000000';
const NO_SUCH = 'refers to a record that does not exist';
const me = () => createRecordService({ db: t.db, actor: { id: null }, clock: testClock(), access: mine });

beforeAll(async () => {
  t = await createTestDatabase();
  await publishForms(t.db, 'crm', [party, deal, ticket]);
  const system = records(t.db);
  ids.mine = (await system.create('crm', 'party', { name: 'Mine', owner: 'me' })).id;
  ids.theirs = (await system.create('crm', 'party', { name: 'Theirs', owner: 'them' })).id;
  ids.theirsGone = (await system.create('crm', 'party', { name: 'Theirs, deleted', owner: 'them' })).id;
  ids.mineGone = (await system.create('crm', 'party', { name: 'Mine, deleted', owner: 'me' })).id;
  await system.delete('crm', 'party', ids.theirsGone);
  await system.delete('crm', 'party', ids.mineGone);
});
afterAll(async () => {
  await t?.close();
});

/** The one field error of a refused write (and that nothing was written). */
async function refusal(write: () => Promise<unknown>, table = 'app_crm.deal') {
  const before = await countRows(t.db, table);
  const error = await write().then(
    () => null,
    (e: { code: string; errors: unknown }) => e,
  );
  expect(await countRows(t.db, table)).toBe(before);
  return error;
}

describe('a link to a record outside the writer’s read scope is refused like a missing one', () => {
  it.each([
    ['outside the scope', 'theirs'],
    ['that does not exist', 'missing'],
    ['deleted, outside the scope', 'theirsGone'],
  ])('create: a party %s → the same error', async (_case, which) => {
    const target = which === 'missing' ? MISSING : ids[which]!;
    expect(await refusal(() => me().create('crm', 'deal', { party: target }))).toMatchObject({
      code: 'RECORD_INVALID',
      errors: [{ path: 'party', message: NO_SUCH }],
    });
  });

  it('a deleted record the writer can see says it is deleted; one in scope is accepted', async () => {
    expect(await refusal(() => me().create('crm', 'deal', { party: ids.mineGone }))).toMatchObject({
      errors: [{ path: 'party', message: 'refers to a deleted record' }],
    });
    expect((await me().create('crm', 'deal', { party: ids.mine })).party).toBe(ids.mine);
  });

  it('line-item rows, updates, bulk writes, imports and validateCreate check the same way', async () => {
    expect(
      await refusal(() =>
        me().create('crm', 'deal', {
          party: ids.mine,
          items: [{ supplier: ids.mine }, { supplier: ids.theirs }],
        }),
      ),
    ).toMatchObject({ errors: [{ path: 'items[1].supplier', message: NO_SUCH }] });

    const own = await me().create('crm', 'deal', { party: ids.mine });
    expect(
      await refusal(() => me().update('crm', 'deal', own.id, own.version, { party: ids.theirs })),
    ).toMatchObject({
      errors: [{ path: 'party', message: NO_SUCH }],
    });
    expect(
      await refusal(() => me().bulkCreate('crm', 'deal', [{ party: ids.mine }, { party: ids.theirs }])),
    ).toMatchObject({
      index: 1,
      errors: [{ path: '[1].party', message: NO_SUCH }],
    });
    const before = await countRows(t.db, 'app_crm.deal');
    const imported = await me().importCreate('crm', 'deal', [{ party: ids.mine }, { party: ids.theirs }]);
    expect(imported.refused.map((e) => [e.index, e.errors])).toMatchObject([
      [1, [{ path: '[1].party', message: NO_SUCH }]],
    ]);
    expect(await countRows(t.db, 'app_crm.deal')).toBe(before + 1);
    const checked = await me().validateCreate('crm', 'deal', [{ party: ids.theirs }]);
    expect(checked.map((e) => e.errors)).toMatchObject([[{ path: '[0].party', message: NO_SUCH }]]);
    expect(await me().linkRefusals('crm', 'deal', own.id, { party: ids.theirs })).toMatchObject([
      { path: 'party', message: NO_SUCH },
    ]);
    // an unchanged link to a record that has left the scope does not block other changes
    const system = records(t.db);
    const old = await system.create('crm', 'deal', { party: ids.theirs });
    expect((await me().update('crm', 'deal', old.id, old.version, { items: [{ qty: 2 }] })).party).toBe(
      ids.theirs,
    );
  });

  it('`linkScope: "any"` opens a field to every live record; the system links any live record', async () => {
    expect((await me().create('crm', 'ticket', { party: ids.theirs })).party).toBe(ids.theirs);
    expect(
      await refusal(() => me().create('crm', 'ticket', { party: ids.theirsGone }), 'app_crm.ticket'),
    ).toMatchObject({
      errors: [{ path: 'party', message: 'refers to a deleted record' }],
    });
    expect((await records(t.db).create('crm', 'deal', { party: ids.theirs })).party).toBe(ids.theirs);
  });
});
