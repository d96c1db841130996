import { type Kysely, sql } from 'kysely';
import { renderLabel } from '../eval/template.renderer';
import { RulesError } from '../rules.error';
import type { ActionContext, ActionHandler, ActionOf } from './action-handler';
import { resolveRecipients } from './recipients.resolver';

type CreateTodo = ActionOf<'create_todo'>;

/** A to-do in each assignee's inbox (tessera.notifications, kind 'todo'), linked to the record. */
export const createTodoAction: ActionHandler<CreateTodo> = {
  async apply(trx: Kysely<any>, ctx: ActionContext<CreateTodo>) {
    const { action, firing } = ctx;
    const { users } = await resolveRecipients(trx, action.assignees, firing.data, firing.actorId);
    if (users.length === 0) throw new RulesError('RULE_ACTION_FAILED', 'no assignee found for the to-do');
    const dueAt = action.dueIn ? addIsoDuration(ctx.now, action.dueIn) : null;
    for (const user of users) {
      const data = { ...firing.data, recipient: user };
      await sql`insert into tessera.notifications
        (user_id, kind, title, body, app_key, form_key, record_id, rule_action_id, due_at, created_at)
        values (${user.id}, 'todo', ${renderLabel(action.title, user.locale, data)},
          ${action.body ? renderLabel(action.body, user.locale, data) : null}, ${firing.app}, ${firing.form},
          ${firing.recordId}, ${ctx.actionId}, ${dueAt}, ${ctx.now})`.execute(trx);
    }
  },
};

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `now` + an ISO duration of weeks, days, hours, minutes, seconds (P1D, PT4H, P1DT2H). */
export function addIsoDuration(now: Date, duration: string): Date | null {
  const m = DURATION.exec(duration);
  if (!m) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return new Date(now.getTime() + ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000);
}
