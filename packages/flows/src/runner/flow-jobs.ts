import { createHmac } from 'node:crypto';
import type { JobHandler } from '@tessera/store';
import { createFlowRunner } from './flow.runner';
import { FLOW_JOBS, type FlowContext } from './flow-context';

export interface FlowJobOptions {
  /** Sends a webhook request (default: global fetch). */
  readonly fetch?: typeof fetch;
  /** Reads a secret by environment variable name (default: process.env). */
  readonly secret?: (name: string) => string | undefined;
}

/**
 * The job handlers of the flow engine, for the server's worker: timers, webhooks, flows started
 * by a flow. A job that throws is retried by the queue; each handler is idempotent or harmless
 * to repeat (a fired timer is marked in the same transaction as its step).
 */
export function flowJobTasks(context: FlowContext, options: FlowJobOptions = {}): Record<string, JobHandler> {
  const runner = createFlowRunner(context);
  const doFetch = options.fetch ?? fetch;
  const secret = options.secret ?? ((name: string) => process.env[name]);
  return {
    [FLOW_JOBS.timer]: async (payload) => {
      const { timerId } = payload as { timerId: string };
      // Run before its time by our clock (the queue goes by the database's): the queue retries it.
      if ((await runner.fireTimer(timerId)) === 'not_due')
        throw new Error(`flow timer ${timerId} is not due yet`);
    },
    [FLOW_JOBS.startFlow]: async (payload, helpers) => {
      const p = payload as {
        appKey: string;
        flowKey: string;
        recordId: string | null;
        initiatorId: string | null;
        startKey?: string;
      };
      await runner.start({
        appKey: p.appKey,
        flowKey: p.flowKey,
        recordId: p.recordId,
        initiatorId: p.initiatorId,
        // A retried job (same job id) finds the instance its first run started.
        startKey: p.startKey ?? `job:${FLOW_JOBS.startFlow}:${helpers.jobId}`,
      });
    },
    [FLOW_JOBS.webhook]: async (payload) => {
      const p = payload as {
        instanceId: string;
        url: string;
        method: string;
        headers: Record<string, string>;
        body: unknown;
        secretEnv: string | null;
      };
      const body = JSON.stringify(p.body);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...p.headers };
      const key = p.secretEnv ? secret(p.secretEnv) : undefined;
      if (key)
        headers['x-tessera-signature'] = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
      const response = await doFetch(p.url, {
        method: p.method,
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`webhook ${p.url} answered ${response.status}`);
    },
    [FLOW_JOBS.notify]: async () => {
      // SMS / IM of a flow's notify service task: no messaging adapter is wired for flows yet (in-app
      // and e-mail are written in the step itself, through tessera.notifications and the mail outbox).
    },
  };
}
