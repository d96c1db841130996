import type { FlowDefinitionService } from '@tessera/flows';
import { createRecordService } from '@tessera/forms';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { engineCall } from '../forms/forms-error.mapper';

/**
 * Starting a flow on a record needs reading that record, exactly as the records API decides it:
 * a form none of the caller's roles names is 404, a form they may not read 403, a record outside
 * their read scope 404 like a missing id — so a start never tells a hidden record from a missing
 * one. (A flow that is not published is left to the runner to refuse.)
 */
export async function assertCanStartOn(
  request: FastifyRequest,
  deps: { db: Kysely<any>; definitions: FlowDefinitionService; clock?: Clock },
  target: { app: string; flow: string; recordId: string | null },
): Promise<void> {
  if (target.recordId === null) return;
  const published = await deps.definitions.getPublished(target.app, target.flow);
  if (!published) return;
  const form = published.definition.form;
  const who = await authorize(request, { app: target.app, form, action: 'record.read' });
  if (!who.records) return; // admins: the runner's own lookup answers a missing record
  const records = createRecordService({
    db: deps.db,
    actor: { id: who.userId },
    access: who.records,
    clock: deps.clock ?? systemClock,
  });
  const recordId = target.recordId;
  await engineCall(() => records.get(target.app, form, recordId));
}
