import { type Static, Type } from '@sinclair/typebox';
import {
  AppParams,
  DeadOut,
  DryRunOut,
  Problem,
  RuleDraftBody,
  RuleListOut,
  RuleOut,
  RuleParams,
  RuleVersionParams,
  RunOut,
} from '@tessera/api';
import { createRuleService, listDeadLetters } from '@tessera/rules';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sessionOf } from '../auth/auth.plugin';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { refuseUnstorableRequest } from '../http/storable-input.hook';

function admin(request: FastifyRequest) {
  const session = sessionOf(request);
  if (!session.user.isAdmin) throw ApiError.forbidden('Only administrators design rules.');
  return session.user;
}

/** Rule design (admins): drafts, publish, enable/disable, the run log, dry run, dead letters. */
export async function ruleRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; timeZone: string; clock?: Clock },
): Promise<void> {
  const service = (request: FastifyRequest) =>
    createRuleService({
      db: deps.db,
      actor: { id: admin(request).id },
      clock: deps.clock ?? systemClock,
      timeZone: deps.timeZone,
    });
  const tags = ['rules'];

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/rules',
    {
      schema: {
        tags,
        summary: 'The rules of an app',
        params: AppParams,
        response: { 200: RuleListOut },
      },
    },
    async (request) => ({ items: await service(request).list(request.params.app) }),
  );

  app.post<{ Params: Static<typeof AppParams>; Body: unknown }>(
    '/api/apps/:app/rules',
    {
      preValidation: refuseUnstorableRequest,
      schema: {
        tags,
        summary: 'Save a rule draft (the pack format of rules/<key>.json)',
        params: AppParams,
        body: RuleDraftBody,
        response: { 201: Type.Object({ version: Type.Integer() }), 400: Problem },
      },
    },
    async (request, reply) => {
      const result = await engineCall(() => service(request).saveDraft(request.params.app, request.body));
      if (!result.ok) throw ApiError.validation(result.errors, 'The rule is invalid.');
      return reply.status(201).send({ version: result.version });
    },
  );

  app.get<{ Params: Static<typeof RuleParams> }>(
    '/api/apps/:app/rules/:rule',
    { schema: { tags, summary: 'One rule', params: RuleParams, response: { 200: RuleOut, 404: Problem } } },
    async (request) => engineCall(() => service(request).get(request.params.app, request.params.rule)),
  );

  app.post<{ Params: Static<typeof RuleVersionParams> }>(
    '/api/apps/:app/rules/:rule/versions/:version/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft version',
        params: RuleVersionParams,
        response: { 200: Type.Object({ version: Type.Integer() }), 400: Problem, 404: Problem },
      },
    },
    async (request) =>
      engineCall(() =>
        service(request).publish(request.params.app, request.params.rule, request.params.version),
      ),
  );

  for (const verb of ['enable', 'disable'] as const) {
    app.post<{ Params: Static<typeof RuleParams> }>(
      `/api/apps/:app/rules/:rule/${verb}`,
      {
        schema: {
          tags,
          summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a rule`,
          params: RuleParams,
          response: { 204: Type.Null(), 404: Problem },
        },
      },
      async (request, reply) => {
        await engineCall(() => service(request)[verb](request.params.app, request.params.rule));
        return reply.status(204).send();
      },
    );
  }

  app.post<{ Params: Static<typeof RuleParams> }>(
    '/api/apps/:app/rules/:rule/dry-run',
    {
      schema: {
        tags,
        summary: 'The records that would fire now (nothing is fired)',
        params: RuleParams,
        response: { 200: DryRunOut, 404: Problem },
      },
    },
    async (request) => engineCall(() => service(request).dryRun(request.params.app, request.params.rule)),
  );

  app.get<{ Params: Static<typeof RuleParams>; Querystring: { limit?: number } }>(
    '/api/apps/:app/rules/:rule/runs',
    {
      schema: {
        tags,
        summary: 'The run log of a rule: fired / skipped / failed / dead / done, and why (newest first)',
        params: RuleParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 200: Type.Object({ items: Type.Array(RunOut) }), 404: Problem },
      },
    },
    async (request) => ({
      items: await engineCall(() =>
        service(request).runs(request.params.app, request.params.rule, request.query.limit),
      ),
    }),
  );

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/rule-dead-letters',
    {
      schema: {
        tags,
        summary: 'Rule actions that failed every attempt',
        params: AppParams,
        response: { 200: Type.Object({ items: Type.Array(DeadOut) }) },
      },
    },
    async (request) => {
      admin(request);
      return { items: await listDeadLetters({ db: deps.db }, request.params.app) };
    },
  );
}
