import type { Static } from '@sinclair/typebox';
import {
  ActionBody,
  AppParams,
  BoxQuery,
  CountsOut,
  engineChecked,
  FlowDraftBody,
  FlowIdParams,
  FlowParams,
  FlowPublishedOut,
  FlowSavedOut,
  InboxPageOut,
  InstanceListOut,
  InstancesQuery,
  Problem,
  StartBody,
  StepOut,
  TaskActionParams,
  TaskDetailRef,
  TimelineRef,
  WithdrawBody,
} from '@tessera/api';
import {
  createFlowDefinitionService,
  createFlowRunner,
  createInboxService,
  type FlowContext,
  type RecordGateway,
} from '@tessera/flows';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { sessionOf } from '../auth/auth.plugin';
import { systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { refuseUnstorableRequest } from '../http/storable-input.hook';
import { flowBpmnRoutes } from './flow-bpmn.routes';
import { monitoredFlows, monitors } from './flow-monitors';
import { flowMonitorRoutes } from './flow-monitors.routes';
import { assertCanStartOn } from './flow-start.access';
import { formsRecordGateway } from './forms-record.gateway';
import { withRecordTitles } from './inbox-record-titles';
import { canReadRecord } from './record-read.access';
import { assertTaskValuesWritable, taskAsAssigneeSees, timelineAsViewerSees } from './task-access';

export interface FlowRouteDeps {
  readonly db: Kysely<any>;
  /** Default: the form engine's records (tests may pass another gateway). */
  readonly records?: RecordGateway;
  readonly clock?: { now(): Date };
  readonly timeZone?: string;
  /** SMTP_URL is set: flow e-mails are queued for sending (else held in the outbox). */
  readonly smtpConfigured?: boolean;
}

const clockOf = (deps: FlowRouteDeps) => (deps.clock ? { clock: deps.clock } : {});

function viewer(request: FastifyRequest) {
  const { user } = sessionOf(request);
  return { id: user.id, isAdmin: user.isAdmin };
}

/** The to-do inbox, task actions, starting flows, timelines, and flow design (admins). */
export async function flowRoutes(app: FastifyInstance, deps: FlowRouteDeps): Promise<void> {
  const context: FlowContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    records: deps.records ?? formsRecordGateway(),
    ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
    smtpConfigured: deps.smtpConfigured ?? false,
  };
  const runner = createFlowRunner(context);
  const inbox = createInboxService(context);
  const definitions = createFlowDefinitionService(context);
  const tags = ['flows'];
  const titleDeps = { db: deps.db, clock: deps.clock };

  app.get<{ Querystring: Static<typeof BoxQuery> }>(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'My inbox: to-dos, done, copied to me (CC), started by me — newest first, a page at a time',
        querystring: BoxQuery,
        response: {
          200: InboxPageOut,
          400: Problem,
        },
      },
    },
    async (request) => {
      const page = await engineCall(() =>
        inbox.list(viewer(request).id, request.query.box ?? 'todo', {
          limit: request.query.limit ?? 50,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        }),
      );
      return { ...page, items: await withRecordTitles(request, titleDeps, page.items) };
    },
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags,
        summary: 'How many items each of my boxes holds (the badges)',
        response: { 200: CountsOut },
      },
    },
    (request) => inbox.counts(viewer(request).id),
  );

  app.get<{ Params: Static<typeof FlowIdParams> }>(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'A task with its record, as the step lets me see it',
        params: FlowIdParams,
        response: { 200: engineChecked(TaskDetailRef), 404: Problem },
      },
    },
    async (request) => {
      const detail = await taskAsAssigneeSees(
        request,
        await engineCall(() => inbox.task(request.params.id, viewer(request))),
      );
      const [task] = await withRecordTitles(request, titleDeps, [detail.task]);
      return { ...detail, task };
    },
  );

  app.post<{ Params: Static<typeof TaskActionParams>; Body: Static<typeof ActionBody> }>(
    '/api/tasks/:id/actions/:action',
    {
      schema: {
        tags,
        summary:
          'Act on a task: approve, reject, return (returnTo: a node id or "initiator"), transfer, add a signer, CC, comment; withdraw / remind / resubmit (initiator)',
        params: TaskActionParams,
        body: ActionBody,
        response: { 200: StepOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      await assertTaskValuesWritable(request, deps.db, request.params.id, request.body?.values);
      return engineCall(() =>
        runner.act(request.params.id, viewer(request).id, {
          action: request.params.action,
          ...(request.body ?? {}),
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof FlowParams>; Body: { recordId?: string | null } }>(
    '/api/apps/:app/flows/:flow/instances',
    {
      schema: {
        tags,
        summary: 'Start the published flow on a record',
        params: FlowParams,
        body: StartBody,
        response: { 201: StepOut, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, flow: flowKey } = request.params;
      const recordId = request.body?.recordId ?? null;
      await authorize(request, { app: appKey, flow: flowKey, action: 'flow.start' });
      await assertCanStartOn(
        request,
        { db: deps.db, definitions, ...clockOf(deps) },
        { app: appKey, flow: flowKey, recordId },
      );
      const started = await engineCall(() =>
        runner.start({ appKey, flowKey, recordId, initiatorId: viewer(request).id }),
      );
      return reply.status(201).send(started);
    },
  );

  app.get<{ Querystring: Static<typeof InstancesQuery> }>(
    '/api/flow-instances',
    {
      schema: {
        tags,
        summary:
          'Flow instances and where they stand (admins: all; others: the ones they are in, every one of the flows they monitor, and — with app, form and recordId — every one on a record they may read)',
        querystring: InstancesQuery,
        response: { 200: InstanceListOut },
      },
    },
    async (request) => {
      const { app: appKey, flow: flowKey, form: formKey, recordId, ...rest } = request.query;
      const recordReadable =
        appKey && formKey && recordId
          ? await canReadRecord(request, titleDeps, { app: appKey, form: formKey, recordId })
          : false;
      const items = await inbox.instances(
        { appKey, flowKey, formKey, recordId, ...rest },
        { ...viewer(request), monitors: await monitoredFlows(request, deps.db), recordReadable },
      );
      return { items: await withRecordTitles(request, titleDeps, items) };
    },
  );

  app.get<{ Params: Static<typeof FlowIdParams> }>(
    '/api/flow-instances/:id',
    {
      schema: {
        tags,
        summary:
          "An instance's tasks and timeline (the people in it, admins, monitors of its flow, readers of its record)",
        params: FlowIdParams,
        response: { 200: engineChecked(TimelineRef), 404: Problem },
      },
    },
    async (request) =>
      timelineAsViewerSees(
        request,
        await engineCall(() =>
          inbox.timeline(request.params.id, viewer(request), async (instance) => {
            if (monitors(await monitoredFlows(request, deps.db), instance)) return true;
            return instance.recordId
              ? canReadRecord(request, titleDeps, {
                  app: instance.appKey,
                  form: instance.formKey,
                  recordId: instance.recordId,
                })
              : false;
          }),
        ),
      ),
  );

  app.post<{ Params: Static<typeof FlowIdParams>; Body: { comment?: string } }>(
    '/api/flow-instances/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw (撤回) my running request',
        params: FlowIdParams,
        body: WithdrawBody,
        response: { 200: StepOut, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    (request) =>
      engineCall(() => runner.withdraw(request.params.id, viewer(request).id, request.body?.comment)),
  );

  app.post<{ Params: Static<typeof FlowIdParams> }>(
    '/api/flow-instances/:id/remind',
    {
      schema: {
        tags,
        summary: 'Remind (催办) the people my request waits for',
        params: FlowIdParams,
        response: { 200: StepOut, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    (request) => engineCall(() => runner.remind(request.params.id, viewer(request).id)),
  );

  app.post<{ Params: { app: string }; Body: unknown }>(
    '/api/apps/:app/flows',
    {
      preValidation: refuseUnstorableRequest,
      schema: {
        tags,
        summary: 'Save a flow draft (admins)',
        params: AppParams,
        body: FlowDraftBody,
        response: { 200: FlowSavedOut, 400: Problem, 403: Problem },
      },
    },
    async (request) => {
      if (!viewer(request).isAdmin) throw ApiError.forbidden('Only administrators design flows.');
      const saved = await definitions.saveDraft(request.params.app, request.body);
      if (!saved.ok) throw ApiError.validation(saved.errors, 'The flow is not valid.');
      return { ok: true };
    },
  );

  app.post<{ Params: Static<typeof FlowParams> }>(
    '/api/apps/:app/flows/:flow/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft as the next immutable version (admins)',
        params: FlowParams,
        response: { 200: FlowPublishedOut, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const user = viewer(request);
      if (!user.isAdmin) throw ApiError.forbidden('Only administrators publish flows.');
      const published = await engineCall(() =>
        definitions.publish(request.params.app, request.params.flow, user.id),
      );
      if (!published.ok) throw ApiError.validation(published.errors, 'The flow is not valid.');
      return { version: published.version };
    },
  );

  await flowBpmnRoutes(app, { definitions, db: deps.db });
  await flowMonitorRoutes(app, { db: deps.db });
}
