import { createRecordService, RecordsError } from '@tessera/forms';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';

/**
 * Whether the viewer may read one record, exactly as the records API decides it (form action,
 * row scope). Who may read a record may follow the flows run on it (its record page's timeline).
 */
export async function canReadRecord(
  request: FastifyRequest,
  deps: { db: Kysely<any>; clock?: Clock | undefined },
  target: { app: string; form: string; recordId: string },
): Promise<boolean> {
  try {
    const who = await authorize(request, { app: target.app, form: target.form, action: 'record.read' });
    if (!who.records) return true;
    const records = createRecordService({
      db: deps.db,
      actor: { id: who.userId },
      access: who.records,
      clock: deps.clock ?? systemClock,
    });
    await records.get(target.app, target.form, target.recordId);
    return true;
  } catch (error) {
    // refused by the role (404/403) or outside the row scope / missing: not readable
    if (error instanceof ApiError || error instanceof RecordsError) return false;
    throw error;
  }
}
