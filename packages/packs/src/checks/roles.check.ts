import type { RolesDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  type ErrorSink,
} from './check-context.js';

/** Unique role keys; every form, field, flow, report and dashboard a role names exists. */
export function checkRoles(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<RolesDefinition>): void {
  const report = sink.at(doc);
  const seen = new Map<string, number>();
  doc.value.roles.forEach((role, i) => {
    const at = `/roles/${i}`;
    if (seen.has(role.key))
      report(
        `${at}/key`,
        `duplicate role key '${role.key}' (also /roles/${seen.get(role.key)})`,
        'duplicate_key',
      );
    seen.set(role.key, i);
    for (const [form, grant] of Object.entries(role.forms ?? {})) {
      const grantPath = `${at}/forms/${form}`;
      if (!checkFormRef(ctx, report, grantPath, form)) continue;
      for (const field of Object.keys(grant.fields ?? {}))
        checkFieldRef(ctx, report, `${grantPath}/fields/${field}`, form, field);
      const scope = grant.scope;
      if (scope && scope.type !== 'all' && scope.type !== 'filter' && scope.field) {
        checkFieldRef(ctx, report, `${grantPath}/scope/field`, form, scope.field, ['user']);
      }
    }
    for (const flow of Object.keys(role.flows ?? {}))
      checkNamedRef(report, `${at}/flows/${flow}`, 'flow', flow, ctx.flows);
    for (const [j, key] of (role.reports ?? []).entries()) {
      checkNamedRef(report, `${at}/reports/${j}`, 'report', key, ctx.reports);
    }
    for (const [j, key] of (role.dashboards ?? []).entries()) {
      checkNamedRef(report, `${at}/dashboards/${j}`, 'dashboard', key, ctx.dashboards);
    }
  });
}
