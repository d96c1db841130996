import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordEvent } from '@tessera/forms';
import { createRecordService } from '@tessera/forms';
import { publishForms as publishFormsAt } from '@tessera/forms/testing';
import { type MovableClock, movableClock } from '@tessera/logic';
import type { FormDefinition, RuleDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { sendQueuedMail } from '../mail/mail-send.job';
import { createRuleService } from '../rule.service';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';
import { customerForm } from './crm-forms';

/** The test's clock (stands still until moved); nothing in the engine reads the system time. */
export { type MovableClock, movableClock };

export const DAY = 86_400_000;
export const APP = 'crm';

export function ruleFixture(name: string): RuleDefinition {
  return JSON.parse(readFileSync(new URL(`./rules/${name}.json`, import.meta.url), 'utf8')) as RuleDefinition;
}

/** Publishes forms of the app (as the system, at a fixed time). */
export const publishForms = (db: Kysely<any>, forms: readonly FormDefinition[], appKey = APP) =>
  publishFormsAt(db, appKey, forms, { now: () => new Date('2026-01-01T00:00:00Z') });

/** Saves and publishes a rule; throws with the errors when it is refused. */
export async function publishRule(deps: RulesDeps, rule: unknown, appKey = APP): Promise<void> {
  const service = createRuleService({
    db: deps.db,
    actor: { id: null },
    clock: deps.clock,
    timeZone: deps.timeZone,
  });
  const saved = await service.saveDraft(appKey, rule);
  if (!saved.ok) throw new Error(`rule refused: ${JSON.stringify(saved.errors)}`);
  await service.publish(appKey, (rule as { key: string }).key, saved.version);
}

export async function addUser(
  db: Kysely<any>,
  user: { username: string; email?: string; locale?: string; roles?: string[] },
): Promise<string> {
  const r = await sql<{
    id: string;
  }>`insert into tessera.users (username, display_name, email, password_hash, locale)
    values (${user.username}, ${user.username.toUpperCase()}, ${user.email ?? null}, 'x', ${user.locale ?? 'en'}) returning id`.execute(
    db,
  );
  const id = r.rows[0]!.id;
  for (const role of user.roles ?? []) {
    await sql`insert into tessera.role_members (role, user_id) values (${role}, ${id})`.execute(db);
  }
  return id;
}

/** Creates a record through the records service (as the system, at the clock's now), with its record.event job. */
export async function insertRecord(
  deps: RulesDeps,
  form: FormDefinition,
  values: Record<string, unknown>,
  appKey = APP,
): Promise<string> {
  const records = createRecordService({
    db: deps.db,
    actor: { id: null },
    clock: deps.clock,
    timeZone: deps.timeZone,
  });
  return (await records.create(appKey, form.key, apiValues(form, values))).id;
}

/** Fixtures write money as a plain amount (`5000`, `'12000.50'`); the records API wants `{ amount }`. */
function apiValues(form: FormDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const field of form.fields) {
    const value = out[field.key];
    if (field.type === 'money' && (typeof value === 'number' || typeof value === 'string'))
      out[field.key] = { amount: String(value) };
  }
  return out;
}

export async function rowsOf<T = Record<string, unknown>>(
  db: Kysely<any>,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  return (await query.execute(db)).rows as T[];
}

export async function count(db: Kysely<any>, table: string, where = sql`true`): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.raw(table)} where ${where}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Sends every queued e-mail (what the `mail.send` jobs do). */
export async function sendQueued(deps: RulesDeps): Promise<void> {
  const r = await sql<{
    id: number;
  }>`select id from tessera.mail_outbox where status = 'queued' order by id`.execute(deps.db);
  for (const { id } of r.rows) await sendQueuedMail(deps, Number(id));
}

export interface ReceivedMail {
  readonly to: string[];
  readonly raw: string;
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message it receives. */
export async function startSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP endpoint answering with the statuses given (then 200), recording requests. */
export async function startHttpSink(statuses: number[] = []): Promise<{
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const queue = [...statuses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = queue.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes a quoted-printable / base64 text body well enough to search it. */
export function mailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').trim();
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').trim();
  }
  return body.trim();
}

/** Jobs waiting in the queue for a task (graphile-worker's own tables). */
export async function queuedJobs(
  db: Kysely<any>,
  task: string,
): Promise<{ payload: any; run_at: Date; key: string | null }[]> {
  const r = await sql<{ payload: any; run_at: Date; key: string | null }>`select j.payload, j.run_at, j.key
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} order by j.id`.execute(db);
  return r.rows;
}

let fireSequence = 0;

/**
 * Publishes a `record_created` rule on customers with the given actions, creates a customer whose
 * name the rule's condition matches, and hands the record event to the engine. Throws unless
 * exactly that rule fired.
 */
export async function fireOnNewCustomer(
  deps: RulesDeps,
  clock: MovableClock,
  actions: unknown[],
  values: Record<string, unknown> = { name: 'Acme' },
): Promise<{ key: string; id: string }> {
  const key = `rule_${++fireSequence}`;
  await publishRule(deps, {
    key,
    title: { en: key },
    form: 'customer',
    trigger: { type: 'record_created' },
    condition: { '==': [{ var: 'name' }, `${values.name}`] },
    actions,
  });
  const id = await insertRecord(deps, customerForm, values);
  clock.advance(1000);
  const event: RecordEvent = {
    app: APP,
    form: 'customer',
    recordId: id,
    kind: 'created',
    version: 1,
    changes: {},
    actorId: null,
    at: clock.now().toISOString(),
  };
  const { fired } = await handleRecordEvent(deps, event);
  if (fired.length !== 1 || fired[0] !== key)
    throw new Error(`expected rule ${key} to fire, fired: ${fired.join(', ')}`);
  return { key, id };
}
