import type { FormDefinition } from '@tessera/schema';
import { FormsError } from '../errors/forms.error';
import { carryOverDeletedFields } from '../model/deleted-fields.normalizer';
import { validateFormDefinition } from '../model/form-definition.validator';
import { fieldTransitionRefusals } from './field-transition.planner';
import { ident } from './identifier';
import type { MigrationAction, PlanNotice, PlanRefusal } from './migration-action';
import { appSchemaName } from './physical-name';
import { type PlanStep, sortSteps } from './plan-step';
import { planCreateTable } from './table-create.planner';
import { diffTable } from './table-diff.planner';
import { formTableModel } from './table-model.mapper';

export interface FormChangeInput {
  readonly appKey: string;
  /** The published definition, or null for a form never published. */
  readonly previous: FormDefinition | null;
  /** The draft to publish. */
  readonly next: FormDefinition;
  /** Whether the app's schema exists already. */
  readonly schemaExists: boolean;
  /**
   * The names of the indexes the app's schema has, when known: an index the published version
   * should have but the catalogue lacks (a table published by an older Tessera, before the
   * system indexes) is then created by this publish.
   */
  readonly existingIndexes?: ReadonlySet<string>;
}

/**
 * A migration plan: what publishing a draft does to the database, in order. `ok` only when
 * nothing is refused; the runner adds the refusals of the data checks.
 */
export interface FormChangePlan {
  readonly ok: boolean;
  readonly appKey: string;
  readonly schema: string;
  readonly formKey: string;
  /** The definition that will be published (fields left out carried over as deleted). */
  readonly definition: FormDefinition;
  readonly actions: readonly MigrationAction[];
  readonly refusals: readonly PlanRefusal[];
  /** What the admin should know that does not stop the plan (filled in by the data checks). */
  readonly notices: readonly PlanNotice[];
}

/**
 * THE planner: draft vs published definition → actions, compared by field id. Pure: no database,
 * no clock. Steps: (1) carry deleted fields over, (2) validate, (3) refuse impossible field
 * transitions, (4) derive both physical models, (5) create or diff the tables.
 */
export function planFormChange(input: FormChangeInput): FormChangePlan {
  const schema = appSchemaName(input.appKey);
  const definition = carryOverDeletedFields(input.previous, input.next);
  const result = (actions: readonly MigrationAction[], refusals: readonly PlanRefusal[]): FormChangePlan => ({
    ok: refusals.length === 0,
    appKey: input.appKey,
    schema,
    formKey: input.next.key,
    definition,
    actions,
    refusals,
    notices: [],
  });

  const validation = validateFormDefinition(definition);
  if (!validation.ok) {
    return result(
      [],
      validation.errors.map((e) => ({
        code: 'invalid_definition',
        reason: `${e.path || '/'}: ${e.message}`,
      })),
    );
  }
  const transitions = input.previous ? fieldTransitionRefusals(input.previous, definition) : [];
  if (transitions.length > 0) return result([], transitions);

  try {
    const steps: PlanStep[] = [];
    const refusals: PlanRefusal[] = [];
    const next = formTableModel(input.appKey, definition);
    if (!input.previous) {
      if (!input.schemaExists) {
        steps.push({
          phase: 'create_schema',
          action: {
            kind: 'create_schema',
            table: schema,
            description: `Create schema ${schema} for the tables of app ${input.appKey}`,
            rewritesTable: false,
            scansTable: false,
            statements: [`CREATE SCHEMA ${ident(schema)}`],
          },
        });
      }
      steps.push(...planCreateTable(next));
    } else {
      const diff = diffTable(formTableModel(input.appKey, input.previous), next, input.existingIndexes);
      steps.push(...diff.steps);
      refusals.push(...diff.refusals);
    }
    return result(sortSteps(steps), refusals);
  } catch (error) {
    if (error instanceof FormsError)
      return result([], [{ code: 'invalid_definition', reason: error.message }]);
    throw error;
  }
}
