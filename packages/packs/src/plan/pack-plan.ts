import type { FormChangePlan } from '@tessera/forms';

/** What applying a pack does to one form, told apart by `kind`. */
export type FormPlanEntry =
  | { readonly kind: 'new'; readonly key: string; readonly plan: FormChangePlan }
  | {
      readonly kind: 'changed';
      readonly key: string;
      readonly fromVersion: number;
      readonly plan: FormChangePlan;
    }
  | { readonly kind: 'unchanged'; readonly key: string; readonly version: number };

/** What applying a pack does to one role of the app. */
export type RolePlanEntry = {
  readonly kind: 'added' | 'changed' | 'unchanged' | 'removed';
  readonly key: string;
};

/**
 * A flow, rule, report, dashboard or print template of the pack: handed to its engine when new or
 * changed since the installed pack (flows and rules publish a new version; reports, dashboards
 * and print templates are saved).
 */
export interface EngineDocumentEntry {
  readonly kind: 'flow' | 'rule' | 'report' | 'dashboard' | 'print';
  readonly key: string;
  readonly file: string;
  readonly status: 'new' | 'changed' | 'unchanged';
}

/** A print image of the pack (prints/assets/): stored in the file storage when new or changed. */
export interface AssetPlanEntry {
  readonly name: string;
  readonly file: string;
  readonly status: 'new' | 'changed' | 'unchanged';
}

/**
 * The plan of applying a pack: pure data, shown to the admin before anything runs, and handed
 * back to `applyPack`, which refuses it when the installed state moved on since (`installedHash`).
 */
export interface PackPlan {
  readonly app: string;
  readonly pack: { readonly name: string; readonly version: string; readonly hash: string };
  /** The pack installed before, if any. */
  readonly previous: { readonly name: string; readonly version: string; readonly hash: string } | null;
  /** Hash of the installed state the plan was made against. */
  readonly installedHash: string;
  /** Every form of the pack, in apply order (a link target before the forms linking to it). */
  readonly forms: readonly FormPlanEntry[];
  /** Published forms of the app that the pack does not have: kept as they are. */
  readonly keptForms: readonly string[];
  readonly roles: readonly RolePlanEntry[];
  /** Flows, rules, reports, dashboards, print templates, in apply order (after the forms; reports before dashboards). */
  readonly documents: readonly EngineDocumentEntry[];
  /** The print images, by name (an installed image the pack no longer has is kept: templates saved in the app may use it). */
  readonly assets: readonly AssetPlanEntry[];
  /** Why the plan cannot be applied as is (forms the engine refuses to publish); empty when it can. */
  readonly refusals: readonly { readonly path: string; readonly message: string }[];
  /** Nothing to do: every form and role unchanged, and this very pack is the one installed. */
  readonly noop: boolean;
}
