import {
  type AppAccess,
  allows,
  type FormAccess,
  formAccessOf,
  fullAccess,
  recordsAccess,
} from '@tessera/access';
import type { RecordsAccess } from '@tessera/forms';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../auth/auth.plugin';
import { ApiError } from '../errors/api-error';
import { changesAccess } from './access-context';

/** What a route is about to do. Designing (apps, form versions, publish) is separate from using records. */
export type AccessAction =
  | 'app.list'
  | 'app.create'
  | 'form.read'
  | 'form.design'
  | 'record.read'
  | 'record.create'
  | 'record.update'
  | 'record.delete'
  | 'record.export'
  | 'record.import'
  // print many records at once (one record prints with record.read)
  | 'record.print'
  // delete a soft-deleted record for good (with its files): those who may design the form
  | 'record.purge'
  // upload a file for an attachment field (the records service checks create/update and the field)
  | 'file.upload'
  // run a query model (every form it reads needs read; fields are checked by the report guard)
  | 'report.run'
  // read a saved report's definition / a dashboard with its data (the role's reports / dashboards)
  | 'report.read'
  | 'dashboard.read'
  | 'flow.start'
  // see a flow task's record: the task grants the row; the assignee's field masks still apply
  | 'task.read'
  // organisation admin (users, departments, role members) and reading the audit log: admins only
  | 'org.manage'
  | 'audit.read'
  // template packs: validate/plan/apply a pack, export an app as a pack (admins only for now)
  | 'pack.apply'
  | 'pack.export'
  // move the movable clock of a demo or test server (TESSERA_CLOCK=movable): admins only
  | 'clock.move';

export interface AccessTarget {
  readonly app?: string;
  readonly form?: string;
  readonly action: AccessAction;
  /** The saved report, dashboard or flow the action is about. */
  readonly report?: string;
  readonly dashboard?: string;
  readonly flow?: string;
}

/** Who acts, as the engines need it. */
export interface Principal {
  readonly userId: string;
  readonly isAdmin: boolean;
}

/**
 * What `authorize` hands the route: the principal, and for an app the user's resolved access —
 * the engines use exactly this (row scopes, hidden and read-only fields), never their own check.
 */
export interface Authorization extends Principal {
  /** The user's access to `target.app` (null for app-less actions). */
  readonly app: AppAccess | null;
  /** The user's access to `target.form` (full for admins). */
  readonly form: FormAccess | null;
  /** The records service's access port; undefined = no restriction (admins). */
  readonly records: RecordsAccess | undefined;
}

/** Actions only system administrators may take. */
const ADMIN_ONLY: ReadonlySet<AccessAction> = new Set([
  'app.create',
  'org.manage',
  'audit.read',
  'pack.apply',
  'pack.export',
  'clock.move',
]);

/** The form permission a record / design action needs. */
const FORM_ACTION: Partial<Record<AccessAction, FormAccess['actions'][number]>> = {
  'form.design': 'design',
  'record.read': 'read',
  'record.create': 'create',
  'record.update': 'update',
  'record.delete': 'delete',
  'record.export': 'export',
  'record.import': 'import',
  'record.print': 'print',
  'record.purge': 'design',
  'report.run': 'read',
};

/**
 * THE one permission check: every route that reads or writes data calls it with the concrete
 * action before it does anything, and passes what it returns to the engine call. System
 * administrators (and members of an app role with `admin: true`) may do everything. Others:
 * an app on which they hold no role, and a form on which their roles grant nothing, do not exist
 * for them (404); an action their roles do not grant on a form they can see is 403. Saved
 * reports and dashboards need the role's `reports` / `dashboards` lists, starting a flow its
 * `flows.<key>: ["start"]`. Rules and flows acting on their own run as the system.
 */
export async function authorize(request: FastifyRequest, target: AccessTarget): Promise<Authorization> {
  const session = sessionOf(request);
  const principal: Principal = { userId: session.user.id, isAdmin: session.user.isAdmin };
  if (target.action === 'org.manage' || target.action === 'pack.apply') changesAccess.add(request);
  if (!target.app) {
    if (ADMIN_ONLY.has(target.action) && !principal.isAdmin) {
      throw ApiError.forbidden('Only administrators may do this.');
    }
    return { ...principal, app: null, form: null, records: undefined };
  }
  if (principal.isAdmin) {
    return {
      ...principal,
      app: null,
      form: target.form ? fullAccess(target.form) : null,
      records: undefined,
    };
  }
  if (ADMIN_ONLY.has(target.action)) throw ApiError.forbidden('Only administrators may do this.');
  const app = await request.server.access.cache.get(request.server.access.db, principal.userId, target.app);
  const granted = { ...principal, app, records: recordsAccess(app) };
  if (app.admin) return { ...granted, form: target.form ? fullAccess(target.form) : null };
  if (target.action === 'task.read') {
    return { ...granted, form: target.form ? formAccessOf(app, target.form) : null };
  }
  if (app.roles.length === 0) throw new ApiError('APP_NOT_FOUND', `No app ${target.app}.`);
  const form = target.form ? formAccessOf(app, target.form) : null;
  if (form && form.actions.length === 0) {
    throw new ApiError('FORM_NOT_FOUND', `App ${target.app} has no form ${target.form}.`);
  }
  const needed = FORM_ACTION[target.action];
  if (needed && !form && target.action !== 'report.run') {
    throw ApiError.forbidden(
      target.action === 'form.design' ? 'Only administrators may design apps.' : 'This action needs a form.',
    );
  }
  if (needed && form && !allows(form, needed)) {
    throw ApiError.forbidden(`You may not ${needed} records of form ${target.form}.`);
  }
  switch (target.action) {
    case 'app.create':
      throw ApiError.forbidden('Only administrators may create apps.');
    case 'report.read':
      if (target.report && !app.reports.includes(target.report)) {
        throw new ApiError('REPORT_NOT_FOUND', `App ${target.app} has no report ${target.report}.`);
      }
      break;
    case 'dashboard.read':
      if (target.dashboard && !app.dashboards.includes(target.dashboard)) {
        throw new ApiError('DASHBOARD_NOT_FOUND', `App ${target.app} has no dashboard ${target.dashboard}.`);
      }
      break;
    case 'flow.start':
      if (!target.flow || !(app.flows[target.flow] ?? []).includes('start')) {
        throw ApiError.forbidden(`You may not start flow ${target.flow ?? ''}.`.trim());
      }
      break;
    default:
      break;
  }
  return { ...granted, form };
}
