import { type Clock, systemClock } from '@tessera/logic';
import type { FormDefinition } from '@tessera/schema';
import type { Kysely } from 'kysely';
import { createFormService } from '../form.service';

/**
 * Publishes forms in order as the system (creating the app first): the set-up step of tests and
 * benchmarks. Throws with the refusals when a draft or a publish is refused.
 */
export async function publishForms(
  db: Kysely<any>,
  app: string,
  forms: readonly FormDefinition[],
  clock: Clock = systemClock,
): Promise<void> {
  const service = createFormService({ db, actor: { id: null }, clock });
  await service.ensureApp(app);
  for (const form of forms) {
    const draft = await service.saveDraft(app, form);
    if (!draft.ok) throw new Error(`draft of ${form.key} refused: ${JSON.stringify(draft.errors)}`);
    const result = await service.publish(app, form.key, draft.version);
    if (!result.ok)
      throw new Error(`publish of ${form.key} refused: ${JSON.stringify(result.plan.refusals)}`);
  }
}
