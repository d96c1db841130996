import type { RolesDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  type ErrorSink,
  resolveField,
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
      for (const field of Object.keys(grant.fields ?? {})) {
        const at = `${grantPath}/fields/${field}`;
        if (!checkFieldRef(ctx, report, at, form, field) || !field.includes('.')) continue;
        // a dotted key names a field of line-item rows: links are not followed here
        const first = field.slice(0, field.indexOf('.'));
        const resolved = resolveField(ctx, form, first);
        if (resolved.ok === true && resolved.field.type !== 'line_items')
          report(
            at,
            `'${first}' is a ${resolved.field.type} field; only a line-items field's row fields can be limited with '.'`,
            'invalid_reference',
          );
      }
      const scope = grant.scope;
      if (scope && scope.type !== 'all' && scope.type !== 'filter' && scope.field) {
        checkFieldRef(ctx, report, `${grantPath}/scope/field`, form, scope.field, ['user']);
      }
    }
    for (const flow of Object.keys(role.flows ?? {}))
      checkNamedRef(ctx, report, `${at}/flows/${flow}`, 'flow', flow);
    for (const [j, key] of (role.reports ?? []).entries()) {
      checkNamedRef(ctx, report, `${at}/reports/${j}`, 'report', key);
    }
    for (const [j, key] of (role.dashboards ?? []).entries()) {
      checkNamedRef(ctx, report, `${at}/dashboards/${j}`, 'dashboard', key);
    }
  });
}
