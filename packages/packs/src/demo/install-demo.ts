import type { Clock } from '@tessera/forms';
import { systemClock } from '@tessera/logic';
import type { Kysely } from 'kysely';
import { type ApplyResult, applyPack } from '../apply/pack-apply.runner.js';
import type { AssetStorage } from '../apply/pack-assets.writer.js';
import { PackInstallError } from '../errors/pack-install.error.js';
import { loadPackFolder } from '../io/load-pack-folder.js';
import { planPack } from '../plan/pack-plan.planner.js';
import { type DemoDataResult, loadDemoData } from './demo-data.loader.js';
import { type CreateUserFn, ensureDemoOrg } from './demo-org.writer.js';
import { type DemoGenerationResult, generateDemoData } from './generator/demo-data.generator.js';

export interface InstallDemoOptions {
  /** The pack folder, e.g. examples/customer-erp. */
  readonly dir: string;
  /** The server's createUser; without it demo users are inserted with an argon2id hash here. */
  readonly createUser?: CreateUserFn;
  readonly clock?: Clock;
  /** The file storage of the pack's print images (the server's); without it they are kept in the database. */
  readonly files?: AssetStorage;
  /** Zone of `today` and auto-number dates of the demo rows (default Asia/Shanghai). */
  readonly timeZone?: string;
  /**
   * Also generate demo data (generateDemoData) of this size; without it only the pack's
   * data/*.csv are loaded (the Customer ERP ships none: its data is generated).
   */
  readonly generate?: {
    readonly customers: number;
    readonly orders?: number;
    readonly seed?: number;
    readonly pace?: () => Promise<void>;
  };
}

export interface InstallDemoResult {
  readonly app: string;
  readonly apply: ApplyResult;
  /** Demo users created now (existing ones are left alone). */
  readonly usersCreated: readonly string[];
  /** Demo users by user name (what generateDemoData needs). */
  readonly users: ReadonlyMap<string, string>;
  readonly data: DemoDataResult;
  readonly generated?: DemoGenerationResult;
}

/**
 * Installs the demo, idempotently: applies the pack (a no-op when it is installed already), creates
 * the missing demo users with their roles and departments, loads the pack's demo CSV rows once and,
 * when asked, generates demo data once. `tessera start` calls it without `generate` on a fresh
 * database and generates the data in the background once it is serving.
 */
export async function installDemo(db: Kysely<any>, options: InstallDemoOptions): Promise<InstallDemoResult> {
  const clock = options.clock ?? systemClock;
  const loaded = await loadPackFolder(options.dir);
  const planned = await planPack(db, loaded);
  if (!planned.ok) {
    const errors = planned.errors.map((e) => ({ path: `${e.file}${e.path}`, message: e.message }));
    throw new PackInstallError(
      'PACK_INVALID',
      `${options.dir}: the pack has ${errors.length} error(s)`,
      errors,
    );
  }
  const apply = await applyPack(db, loaded, planned.plan, {
    clock,
    ...(options.files ? { files: options.files } : {}),
  });
  const org = await ensureDemoOrg(db, options.createUser);
  const data = await loadDemoData(db, {
    app: planned.plan.app,
    dir: options.dir,
    pack: planned.pack,
    users: org.users,
    clock,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const generated = options.generate
    ? await generateDemoData(db, {
        app: planned.plan.app,
        users: org.users,
        clock,
        ...options.generate,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      })
    : undefined;
  return {
    app: planned.plan.app,
    apply,
    usersCreated: org.created,
    users: org.users,
    data,
    ...(generated ? { generated } : {}),
  };
}
