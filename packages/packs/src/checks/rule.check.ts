import { checkRule as checkRuleDefinition } from '@tessera/rules';
import type { RuleDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import type { CheckContext, ErrorSink } from './check-context.js';

/** A rule's references: the rules engine's own check (checkRule), run on the pack's forms. */
export function checkRule(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<RuleDefinition>): void {
  checkRuleDefinition(ctx, sink.at(doc), doc.value);
}
