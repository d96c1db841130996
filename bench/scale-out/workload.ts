/**
 * The scale-out workload: tickets created over HTTP, each one triggering
 *  - a rule (record created → create a `ticket_log` "rule" record: an idempotency row + an action job;
 *    the log's creation causes a record.event job),
 *  - a flow (record created → a 1-second timer → create a `ticket_log` "flow" record → set the
 *    ticket's status to "done"): a timer job; the two writes each cause a record.event job.
 * Installed through the engine services on a fresh database; checked afterwards row by row.
 */
import { createFlowDefinitionService } from '@tessera/flows';
import { publishForms } from '@tessera/forms/testing';
import { createRuleService } from '@tessera/rules';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';

export const APP = 'scaleout';
/**
 * Jobs each ticket causes: record.event (ticket created), rules.action, record.event (the rule's
 * log created), flows.timer, record.event (the flow's log created), record.event (ticket updated).
 */
export const JOBS_PER_TICKET = 6;
const l = (en: string) => ({ en });

export async function installWorkload(db: Kysely<any>): Promise<void> {
  const clock = { now: () => new Date() };
  await publishForms(
    db,
    APP,
    [
      {
        key: 'ticket',
        title: l('Ticket'),
        fields: [
          { id: 't1', key: 'title', type: 'text', label: l('Title'), required: true, maxLength: 200 },
          { id: 't2', key: 'amount', type: 'integer', label: l('Amount'), min: 0 },
          { id: 't3', key: 'status', type: 'text', label: l('Status') },
        ],
      },
      {
        key: 'ticket_log',
        title: l('Ticket log'),
        fields: [
          { id: 'g1', key: 'ticket', type: 'link', label: l('Ticket'), form: 'ticket' },
          { id: 'g2', key: 'note', type: 'text', label: l('Note') },
        ],
      },
    ] as FormDefinition[],
    clock,
  );
  const rules = createRuleService({ db, actor: { id: null }, clock });
  const rule = await rules.saveDraft(APP, {
    key: 'ticket_logged',
    title: l('Log every new ticket'),
    form: 'ticket',
    trigger: { type: 'record_created' },
    condition: { '>=': [{ var: 'amount' }, 0] },
    actions: [{ type: 'create_record', form: 'ticket_log', values: { note: 'rule' }, linkBack: 'ticket' }],
    once: 'record',
  });
  if (!rule.ok) throw new Error(JSON.stringify(rule.errors));
  await rules.publish(APP, 'ticket_logged', rule.version);
  const flows = createFlowDefinitionService({ db, clock });
  const flow = await flows.saveDraft(APP, {
    key: 'ticket_flow',
    title: l('Ticket flow'),
    form: 'ticket',
    nodes: [
      { id: 'start', type: 'start', on: ['record_created'] },
      { id: 'wait', type: 'timer', duration: 'PT1S' },
      {
        id: 'log',
        type: 'service',
        action: { type: 'create_record', form: 'ticket_log', values: { note: 'flow' }, linkBack: 'ticket' },
      },
      { id: 'close', type: 'service', action: { type: 'update_record', set: { status: 'done' } } },
      { id: 'end', type: 'end', outcome: 'completed' },
    ],
    edges: [
      { from: 'start', to: 'wait' },
      { from: 'wait', to: 'log' },
      { from: 'log', to: 'close' },
      { from: 'close', to: 'end' },
    ],
  });
  if (!flow.ok) throw new Error(JSON.stringify(flow.errors));
  const published = await flows.publish(APP, 'ticket_flow');
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
}

export const ticketPath = `/api/apps/${APP}/forms/ticket/records`;

/** The recurring jobs (the rule engine's tick, the file sweep): each always has its next run queued. */
const RECURRING_TASKS = sql`('rules.tick', 'files.sweep')`;

/** Jobs still to run (the recurring ones aside) and tickets still open. */
export async function backlog(db: Kysely<any>): Promise<{ jobs: number; open: number }> {
  const jobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs
    where task_identifier not in ${RECURRING_TASKS}`.execute(db);
  const open = await sql<{ n: number }>`select count(*)::int as n from app_scaleout.ticket
    where status is distinct from 'done'`.execute(db);
  return { jobs: Number(jobs.rows[0]!.n), open: Number(open.rows[0]!.n) };
}

/**
 * Waits until every job has run and every ticket is done, or the deadline passes, or (with
 * `stallMs`) neither count has changed for that long.
 */
export async function drain(
  db: Kysely<any>,
  timeoutMs: number,
  options: { stallMs?: number } = {},
): Promise<{ ms: number; left: { jobs: number; open: number } }> {
  const started = Date.now();
  let last = '';
  let progressAt = started;
  for (;;) {
    const left = await backlog(db);
    const now = Date.now();
    // Any change is progress: the job count grows while record events enqueue their follow-ups.
    const seen = JSON.stringify(left);
    if (seen !== last) [last, progressAt] = [seen, now];
    const stalled = options.stallMs !== undefined && now - progressAt > options.stallMs;
    if ((left.jobs === 0 && left.open === 0) || now - started > timeoutMs || stalled)
      return { ms: now - started, left };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Every invariant of the run, as a list of problems (empty = all good): every acknowledged
 * ticket exists; each ticket fired the rule once, ran one flow instance to completion, fired
 * one timer, got exactly one "rule" and one "flow" log; no job is left.
 */
export async function verify(db: Kysely<any>, acked: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const one = async (query: ReturnType<typeof sql>) =>
    Number(((await query.execute(db)).rows[0] as { n: number }).n);
  const ids = new Set(
    (await sql<{ id: string }>`select id from app_scaleout.ticket`.execute(db)).rows.map((r) => r.id),
  );
  const lost = acked.filter((id) => !ids.has(id));
  if (lost.length)
    problems.push(`${lost.length} acknowledged tickets are missing (${lost.slice(0, 3).join(', ')}…)`);
  const tickets = ids.size;
  const checks: [string, number, number][] = [
    [
      'rule firings',
      await one(
        sql`select count(*) as n from tessera.rule_firings f join tessera.rules r on r.id = f.rule_id where r.key = 'ticket_logged'`,
      ),
      tickets,
    ],
    [
      'tickets with a firing',
      await one(
        sql`select count(distinct f.record_id) as n from tessera.rule_firings f join tessera.rules r on r.id = f.rule_id where r.key = 'ticket_logged'`,
      ),
      tickets,
    ],
    [
      'rule actions done',
      await one(sql`select count(*) as n from tessera.rule_actions where status = 'done'`),
      tickets,
    ],
    [
      'rule actions not done',
      await one(sql`select count(*) as n from tessera.rule_actions where status <> 'done'`),
      0,
    ],
    [
      '"rule" logs',
      await one(sql`select count(*) as n from app_scaleout.ticket_log where note = 'rule'`),
      tickets,
    ],
    [
      'tickets with one "rule" log',
      await one(
        sql`select count(*) as n from (select ticket from app_scaleout.ticket_log where note = 'rule' group by ticket having count(*) = 1) x`,
      ),
      tickets,
    ],
    [
      '"flow" logs',
      await one(sql`select count(*) as n from app_scaleout.ticket_log where note = 'flow'`),
      tickets,
    ],
    [
      'tickets with one "flow" log',
      await one(
        sql`select count(*) as n from (select ticket from app_scaleout.ticket_log where note = 'flow' group by ticket having count(*) = 1) x`,
      ),
      tickets,
    ],
    [
      'flow instances',
      await one(sql`select count(*) as n from tessera.flow_instances where flow_key = 'ticket_flow'`),
      tickets,
    ],
    [
      'completed flow instances',
      await one(
        sql`select count(distinct record_id) as n from tessera.flow_instances where flow_key = 'ticket_flow' and status = 'completed'`,
      ),
      tickets,
    ],
    [
      'fired timers',
      await one(sql`select count(*) as n from tessera.flow_timers where status = 'fired'`),
      tickets,
    ],
    [
      'timers not fired',
      await one(sql`select count(*) as n from tessera.flow_timers where status <> 'fired'`),
      0,
    ],
    [
      'tickets not done',
      await one(sql`select count(*) as n from app_scaleout.ticket where status is distinct from 'done'`),
      0,
    ],
    [
      'jobs left',
      await one(
        sql`select count(*) as n from graphile_worker.jobs where task_identifier not in ${RECURRING_TASKS}`,
      ),
      0,
    ],
  ];
  for (const [what, got, want] of checks)
    if (got !== want) problems.push(`${what}: ${got}, expected ${want}`);
  return problems;
}
