import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFormService } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPack,
  formatPackErrors,
  loadPackFolder,
  PackInstallError,
  type PackPlan,
  planPack,
} from '../index.js';

let t: TestDatabase;
const temps: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const label = (en: string) => ({ en, 'zh-CN': en });
const text = (key: string, extra: object = {}) => ({
  id: `f_${key}`,
  key,
  type: 'text',
  label: label(key),
  ...extra,
});
const form = (key: string, fields: object[]) => ({ key, title: label(key), fields });
type Files = Record<string, unknown>;

/** A small pack in a temp folder: app `guards`, forms and roles as given. */
async function writePack(version: string, files: Files): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-pack-guards-'));
  temps.push(dir);
  const all: Files = {
    'pack.json': { name: 'guards', version, title: label('Guards') },
    ...files,
  };
  for (const [path, doc] of Object.entries(all)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(doc, null, 2));
  }
  return dir;
}

async function plan(dir: string): Promise<PackPlan> {
  const result = await planPack(t.db, await loadPackFolder(dir));
  if (!result.ok) throw new Error(formatPackErrors(result.errors));
  return result.plan;
}

async function apply(dir: string, p?: PackPlan) {
  return applyPack(t.db, await loadPackFolder(dir), p ?? (await plan(dir)));
}

async function tables(): Promise<string[]> {
  const r = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'app_guards' order by tablename`.execute(t.db);
  return r.rows.map((row) => row.tablename);
}

async function installedVersions(): Promise<string[]> {
  const r = await sql<{ version: string }>`
    select version from tessera.installed_packs where app_key = 'guards' order by id`.execute(t.db);
  return r.rows.map((row) => row.version);
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackInstallError) return { code: error.code, errors: error.errors };
    throw error;
  }
  throw new Error('expected the apply to be refused');
};

const v1: Files = {
  'forms/alpha.json': form('alpha', [text('name')]),
  'forms/zeta.json': form('zeta', [
    text('name'),
    { id: 'f_alpha', key: 'alpha', type: 'link', form: 'alpha', label: label('a') },
  ]),
  'roles.json': { roles: [{ key: 'clerk', title: label('Clerk'), forms: { alpha: { actions: ['read'] } } }] },
};

/** A flow on form epsilon whose one conditional edge tests `condition`. */
const shoutFlow = (condition: object) => ({
  key: 'shout',
  title: label('Shout'),
  form: 'epsilon',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'loud', type: 'exclusive_gateway' },
    { id: 'yes', type: 'end', outcome: 'approved' },
    { id: 'no', type: 'end', outcome: 'rejected' },
  ],
  edges: [
    { from: 'start', to: 'loud' },
    { from: 'loud', to: 'yes', condition },
    { from: 'loud', to: 'no', default: true },
  ],
});

describe('applying a pack safely', () => {
  it('installs version 1 (the baseline of the cases below)', async () => {
    const result = await apply(await writePack('1.0.0', v1));
    expect(result.forms.map((f) => `${f.key}:${f.kind}`)).toEqual(['alpha:new', 'zeta:new']);
    expect(await tables()).toEqual(['alpha', 'zeta']);
  });

  it('refuses a plan made before the installed state changed, and applies nothing of it', async () => {
    const v2 = await writePack('2.0.0', { ...v1, 'forms/beta.json': form('beta', [text('name')]) });
    const stalePlan = await plan(v2);
    expect(stalePlan.forms.find((f) => f.key === 'beta')?.kind).toBe('new');
    // Meanwhile an admin publishes a change of alpha in the designer.
    const forms = createFormService({ db: t.db, actor: { id: null }, clock: { now: () => new Date() } });
    const draft = await forms.saveDraft('guards', form('alpha', [text('name'), text('note')]));
    if (!draft.ok) throw new Error('draft');
    expect((await forms.publish('guards', 'alpha', draft.version)).ok).toBe(true);

    expect(await refusal(apply(v2, stalePlan))).toMatchObject({ code: 'PACK_PLAN_STALE' });
    expect(await tables()).toEqual(['alpha', 'zeta']);
    expect(await installedVersions()).toEqual(['1.0.0']);
    // Planned again, it shows alpha as changed (the designer's field is kept as deleted) and applies.
    const fresh = await plan(v2);
    expect(fresh.forms.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'alpha:changed',
      'beta:new',
      'zeta:unchanged',
    ]);
    await apply(v2, fresh);
    expect(await tables()).toEqual(['alpha', 'beta', 'zeta']);
  });

  it('refuses a plan made for other pack files', async () => {
    const a = await writePack('3.0.0', { ...v1, 'forms/gamma.json': form('gamma', [text('name')]) });
    const b = await writePack('3.0.1', { ...v1, 'forms/gamma.json': form('gamma', [text('title')]) });
    expect(await refusal(applyPack(t.db, await loadPackFolder(b), await plan(a)))).toMatchObject({
      code: 'PACK_PLAN_MISMATCH',
    });
  });

  it('a broken pack applies nothing: invalid files, or a form the engine refuses mid-way', async () => {
    const before = await tables();
    const invalid = await writePack('4.0.0', {
      ...v1,
      'forms/delta.json': form('delta', [text('name', { type: 'txt' })]),
    });
    const planned = await planPack(t.db, await loadPackFolder(invalid));
    expect(planned.ok).toBe(false);

    // zeta's names are not unique in the data: making them unique is refused when zeta is
    // published — after the new form "delta", which must then be rolled back too.
    await sql`insert into app_guards.zeta (name, created_at, updated_at) values ('x', now(), now()), ('x', now(), now())`.execute(
      t.db,
    );
    const unique = await writePack('4.0.1', {
      ...v1,
      'forms/beta.json': form('beta', [text('name')]),
      'forms/delta.json': form('delta', [text('name')]),
      'forms/zeta.json': form('zeta', [
        text('name', { unique: true }),
        { id: 'f_alpha', key: 'alpha', type: 'link', form: 'alpha', label: label('a') },
      ]),
      'roles.json': { roles: [{ key: 'auditor', title: label('Auditor') }] },
    });
    const p = await plan(unique);
    expect(p.forms.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'alpha:unchanged',
      'beta:unchanged',
      'delta:new',
      'zeta:changed',
    ]);
    const refused = await refusal(apply(unique, p));
    expect(refused.code).toBe('PACK_FORM_REFUSED');
    expect(refused.errors[0]?.path).toBe('forms/zeta.json');
    expect(await tables()).toEqual(before);
    expect(await installedVersions()).toEqual(['1.0.0', '2.0.0']);
    const roles = await sql<{
      role_key: string;
    }>`select role_key from tessera.app_roles where app_key = 'guards'`.execute(t.db);
    expect(roles.rows.map((r) => r.role_key)).toEqual(['clerk']);
  });

  it('the plan refuses a flow the flow engine would refuse (one check, issue 14.4)', async () => {
    const dir = await writePack('4.1.0', {
      ...v1,
      'forms/epsilon.json': form('epsilon', [text('name')]),
      'flows/shout.json': shoutFlow({ shout_loudly: [{ var: 'name' }] }),
    });
    const planned = await planPack(t.db, await loadPackFolder(dir));
    expect(planned.ok).toBe(false);
    if (planned.ok) return;
    expect(planned.errors.map((e) => e.message).join('\n')).toContain('Unknown operator "shout_loudly"');
    expect(planned.errors[0]).toMatchObject({
      file: 'flows/shout.json',
      path: '/nodes/1/edges/loud->yes/condition',
    });
  });

  it('a failure while the engines save their documents rolls back the forms published before it', async () => {
    const before = await tables();
    const dir = await writePack('4.1.1', {
      ...v1,
      'forms/epsilon.json': form('epsilon', [text('name')]),
      'flows/shout.json': shoutFlow({ '==': [{ var: 'name' }, 'loud'] }),
    });
    const p = await plan(dir);
    expect(p.documents).toEqual([{ kind: 'flow', key: 'shout', file: 'flows/shout.json', status: 'new' }]);
    // The pack checks cannot fail here (validate and the engines agree), so the database refuses
    // the flow's row instead: what a lost connection or a full disk would do mid-apply.
    await sql`create function tessera.refuse_shout() returns trigger language plpgsql as $$
      begin raise exception 'the disk is full'; end $$`.execute(t.db);
    await sql`create trigger refuse_shout before insert on tessera.flow_definitions
      for each row when (new.key = 'shout') execute function tessera.refuse_shout()`.execute(t.db);
    try {
      await expect(apply(dir, p)).rejects.toThrow(/the disk is full/);
    } finally {
      await sql`drop trigger refuse_shout on tessera.flow_definitions`.execute(t.db);
      await sql`drop function tessera.refuse_shout()`.execute(t.db);
    }
    expect(await tables()).toEqual(before);
    expect(await installedVersions()).toEqual(['1.0.0', '2.0.0']);
  });

  it('refuses a pack whose forms link to each other in a cycle', async () => {
    const link = (key: string, target: string) => ({
      id: `f_${key}`,
      key,
      type: 'link',
      form: target,
      label: label(key),
    });
    const dir = await writePack('5.0.0', {
      ...v1,
      'forms/egg.json': form('egg', [link('hen', 'hen')]),
      'forms/hen.json': form('hen', [link('egg', 'egg')]),
    });
    const p = await plan(dir);
    expect(p.refusals[0]?.message).toContain('cycle');
    expect(await refusal(apply(dir, p))).toMatchObject({ code: 'PACK_FORM_REFUSED' });
  });
});
