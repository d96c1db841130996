import { checkPrintTemplate } from '@tessera/print';
import type { PrintTemplateDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import { withoutSchemaPointer } from '../plan/pack-plan.planner.js';
import type { CheckContext, ErrorSink } from './check-context.js';

/**
 * A print template against the pack's own forms: the print engine's check (form, field paths,
 * line items, amounts, placeholders), so `pack validate` says what saving it would refuse.
 * An `asset` image must be a file of the pack's prints/assets/.
 */
export function checkPrint(
  ctx: CheckContext,
  sink: ErrorSink,
  doc: PackDocument<PrintTemplateDefinition>,
): void {
  const report = sink.at(doc);
  if (!ctx.forms.has(doc.value.form)) {
    report('/form', `unknown form '${doc.value.form}': the pack has no forms/${doc.value.form}.json`);
    return;
  }
  if (ctx.forms.get(doc.value.form) === undefined) return;
  const catalog = Object.fromEntries(ctx.pack.forms.map((f) => [f.value.key, withoutSchemaPointer(f.value)]));
  const assets = new Set(ctx.pack.assets.map((a) => a.name));
  const checked = checkPrintTemplate(doc.value, catalog, assets);
  if (!checked.ok) for (const e of checked.errors) report(e.path, e.message);
}
