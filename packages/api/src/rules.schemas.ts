import { type Static, Type } from '@sinclair/typebox';
import { Key } from './common.schemas';
import { engineChecked, engineCheckedObject } from './engine-checked';
import { RuleDefinitionRef } from './pack-format.components';

/** Route schemas of rule design (admins): drafts, publish, enable/disable, runs, dry run, dead letters. */
export const RuleParams = Type.Object({ app: Key, rule: Key });
export const RuleVersionParams = Type.Object({ app: Key, rule: Key, version: Type.Integer({ minimum: 1 }) });
export const RuleOut = Type.Object({
  key: Type.String(),
  enabled: Type.Boolean(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  draftVersion: Type.Union([Type.Integer(), Type.Null()]),
  definition: engineChecked(RuleDefinitionRef),
});
export type RuleOut = Static<typeof RuleOut>;
export const RuleListOut = Type.Object({ items: Type.Array(RuleOut) });
/** A rule draft: the rule engine validates it (its errors point into the body). */
export const RuleDraftBody = engineCheckedObject(RuleDefinitionRef);
export const RunOut = Type.Object({
  id: Type.Integer(),
  recordId: Type.Union([Type.String(), Type.Null()]),
  occurrence: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  reason: Type.String(),
  at: Type.String(),
});
export type RuleRun = Static<typeof RunOut>;
export const DryRunOut = Type.Object({
  trigger: Type.String(),
  conditionInSql: Type.Boolean(),
  records: Type.Array(Type.Object({ recordId: Type.String(), occurrence: Type.String() })),
  nextRuns: Type.Optional(Type.Array(Type.String())),
});
export type DryRunOut = Static<typeof DryRunOut>;
export const DeadOut = Type.Object({
  actionId: Type.Integer(),
  ruleKey: Type.String(),
  appKey: Type.String(),
  type: Type.String(),
  recordId: Type.Union([Type.String(), Type.Null()]),
  occurrence: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
