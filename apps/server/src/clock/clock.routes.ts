import type { Static } from '@sinclair/typebox';
import { ClockMove, ClockState, Problem } from '@tessera/api';
import { addDuration } from '@tessera/flows';
import { releaseJobsDueBy, wakeJobWorkers } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { requireAdmin } from '../org/admin-guard';
import { writeClockOffset } from './clock-offset.store';
import { isAdjustable } from './server-clock';

const tags = ['admin'];

/** The farthest one move may go: enough for any demo, far from the dates' range. */
const MAX_MOVE_MS = 10 * 366 * 86_400_000;

/**
 * GET|POST /api/admin/clock: the server's now, and moving it forward on a demo or test server
 * (TESSERA_CLOCK=movable), so date rules, due times and timers can be shown without waiting.
 * Admins only; every move is audited. The jobs the move made due (flow timers, the rule tick,
 * retries) are released to the workers at once.
 */
export async function clockRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; clock: Clock; movable: boolean },
): Promise<void> {
  const { db, clock } = deps;
  const mover = deps.movable && isAdjustable(clock) ? clock : null;
  const state = () => {
    const now = clock.now();
    return { now: now.toISOString(), movable: mover !== null, offsetMs: now.getTime() - Date.now() };
  };

  app.get(
    '/api/admin/clock',
    {
      schema: {
        tags,
        summary: "The server's clock (admin)",
        response: { 200: ClockState, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      await requireAdmin(request, 'clock.move');
      return state();
    },
  );

  app.post<{ Body: Static<typeof ClockMove> }>(
    '/api/admin/clock',
    {
      schema: {
        tags,
        summary: 'Move the clock forward (admin, TESSERA_CLOCK=movable only)',
        description:
          'Moves the clock every engine reads to `at`, or forward by `advance`. Only forward: what ' +
          'fired stays fired. 409 when the server runs on the system clock (production always does).',
        body: ClockMove,
        response: { 200: ClockState, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request) => {
      const admin = await requireAdmin(request, 'clock.move');
      if (!mover) {
        throw new ApiError(
          'CLOCK_NOT_MOVABLE',
          'This server runs on the system clock; start it with TESSERA_CLOCK=movable (never in production) to move it.',
        );
      }
      const from = mover.now();
      const body = request.body;
      const to = 'at' in body ? new Date(body.at) : addDuration(from, body.advance);
      const path = 'at' in body ? 'at' : 'advance';
      if (!to || Number.isNaN(to.getTime()))
        throw ApiError.validation([{ path, message: 'is not a valid instant or duration' }]);
      if (to.getTime() < from.getTime())
        throw ApiError.validation(
          [{ path, message: `the clock moves forward only (it is ${from.toISOString()})` }],
          'The clock moves forward only.',
        );
      if (to.getTime() - from.getTime() > MAX_MOVE_MS)
        throw ApiError.validation([{ path, message: 'one move goes at most ten years forward' }]);
      // recorded first: a move that could not be audited does not happen
      await db.transaction().execute(async (trx) => {
        await writeClockOffset(trx, to.getTime() - Date.now());
        await writeAudit(trx, {
          action: 'clock.moved',
          actorId: admin.userId,
          actorName: admin.username,
          targetType: 'clock',
          detail: { from: from.toISOString(), to: to.toISOString() },
          ip: request.ip,
        });
      });
      mover.set(to);
      await releaseJobsDueBy(db, to);
      wakeJobWorkers(db);
      return state();
    },
  );
}
