import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowJobTasks } from '../flow-jobs';
import { addRecord, addUsers, createFlowTestEnv, type FlowTestEnv, openTasks } from './runner-test-kit';

/** The flow engine's own jobs, run as the worker would run them (twice, where a retry could). */
let env: FlowTestEnv;
let u: Record<string, string>;
let server: Server;
let url: string;
let status = 200;
const received: { headers: IncomingMessage['headers']; body: string }[] = [];

const queued = async (task: string) =>
  (
    await sql<{ id: string; payload: Record<string, unknown> }>`select j.id, j.payload
      from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = ${task} order by j.id`.execute(env.db)
  ).rows;

beforeAll(async () => {
  env = await createFlowTestEnv();
  u = await addUsers(env.db, { sam: {}, wu: { roles: ['warehouse'] } });
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await env.publish('erp', {
    key: 'shipping',
    title: { en: 'Shipping' },
    form: 'quote',
    nodes: [
      { id: 'start', type: 'start', on: ['manual', 'api'] },
      { id: 'ship', type: 'user_task', assignees: [{ kind: 'role', role: 'warehouse' }] },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'ship' },
      { from: 'ship', to: 'end' },
    ],
  });
  await env.publish('erp', {
    key: 'sale',
    title: { en: 'Sale' },
    form: 'quote',
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'hand_over', type: 'service', action: { type: 'start_flow', flow: 'shipping' } },
      {
        id: 'tell_erp',
        type: 'service',
        action: { type: 'webhook', url, body: { event: 'sold' }, secretEnv: 'HOOK_SECRET', retries: 2 },
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'hand_over' },
      { from: 'hand_over', to: 'tell_erp' },
      { from: 'tell_erp', to: 'end' },
    ],
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await env.close();
});

describe('flow jobs', () => {
  it('a start_flow step starts the other flow on the record once, even when its job runs twice', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 10 });
    await env.runner.start({ appKey: 'erp', flowKey: 'sale', recordId: quote, initiatorId: u.sam! });
    const [job] = await queued('flows.start');
    expect(job!.payload).toMatchObject({ flowKey: 'shipping', recordId: quote });
    const tasks = flowJobTasks(env.context);
    await tasks['flows.start']!(job!.payload, { jobId: job!.id, attempts: 1 });
    await tasks['flows.start']!(job!.payload, { jobId: job!.id, attempts: 2 });
    const children = await sql<{
      id: string;
      initiator_id: string;
    }>`select id, initiator_id from tessera.flow_instances
      where flow_key = 'shipping' and record_id = ${quote}`.execute(env.db);
    expect(children.rows).toHaveLength(1);
    expect(children.rows[0]!.initiator_id).toBe(u.sam);
    expect(await openTasks(env.db, children.rows[0]!.id)).toEqual(['ship:wu']);
  });

  it('a webhook step is delivered signed; a failing endpoint makes the job fail so the queue retries it', async () => {
    const [job] = await queued('flows.webhook');
    const tasks = flowJobTasks(env.context, {
      secret: (name) => (name === 'HOOK_SECRET' ? 's3cret' : undefined),
    });
    await tasks['flows.webhook']!(job!.payload, { jobId: job!.id, attempts: 1 });
    const [delivery] = received;
    expect(JSON.parse(delivery!.body)).toEqual({ event: 'sold' });
    expect(delivery!.headers['x-tessera-signature']).toBe(
      `sha256=${createHmac('sha256', 's3cret').update(delivery!.body).digest('hex')}`,
    );
    status = 503;
    await expect(tasks['flows.webhook']!(job!.payload, { jobId: job!.id, attempts: 2 })).rejects.toThrow(
      '503',
    );
  });
});
