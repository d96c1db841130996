import { type Static, Type } from '@sinclair/typebox';
import { FormChangePlanRef } from './form-plan.schemas';

const PackIdentity = Type.Object({ name: Type.String(), version: Type.String(), hash: Type.String() });

/** What applying a pack does to one form, told apart by `kind`. */
const FormPlanEntry = Type.Union([
  Type.Object({ kind: Type.Literal('new'), key: Type.String(), plan: FormChangePlanRef }),
  Type.Object({
    kind: Type.Literal('changed'),
    key: Type.String(),
    fromVersion: Type.Integer(),
    plan: FormChangePlanRef,
  }),
  Type.Object({ kind: Type.Literal('unchanged'), key: Type.String(), version: Type.Integer() }),
]);

/**
 * The plan of applying a pack (the packs engine's PackPlan): pure data, shown to the admin before
 * anything runs, refused at apply when the installed state moved on since (`installedHash`).
 */
export const PackPlanSchema = Type.Object(
  {
    app: Type.String(),
    pack: PackIdentity,
    previous: Type.Union([PackIdentity, Type.Null()], { description: 'The pack installed before, if any.' }),
    installedHash: Type.String(),
    forms: Type.Array(FormPlanEntry, { description: 'Every form of the pack, in apply order.' }),
    keptForms: Type.Array(Type.String(), { description: 'Published forms the pack does not have: kept.' }),
    roles: Type.Array(
      Type.Object({
        kind: Type.Union([
          Type.Literal('added'),
          Type.Literal('changed'),
          Type.Literal('unchanged'),
          Type.Literal('removed'),
        ]),
        key: Type.String(),
      }),
    ),
    documents: Type.Array(
      Type.Object({
        kind: Type.Union([
          Type.Literal('flow'),
          Type.Literal('rule'),
          Type.Literal('report'),
          Type.Literal('dashboard'),
          Type.Literal('print'),
        ]),
        key: Type.String(),
        file: Type.String(),
        status: Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged')]),
      }),
    ),
    refusals: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    noop: Type.Boolean(),
  },
  { $id: 'PackPlan', description: 'The plan as data: forms (with their migration plans), roles, documents.' },
);
export type PackPlan = Static<typeof PackPlanSchema>;
export const PackPlanRef = Type.Unsafe<PackPlan>({ $ref: 'PackPlan#' });
