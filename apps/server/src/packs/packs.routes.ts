import type { Static } from '@sinclair/typebox';
import {
  AppParams,
  PackApplyOut,
  PackApplyQuery,
  PackPlanOut,
  PackUploadBody,
  PackValidateOut,
  Problem,
} from '@tessera/api';
import type { FileStorage } from '@tessera/files';
import {
  applyPack,
  exportPackZip,
  formatPackPlan,
  type LoadedPack,
  type PackPlanResult,
  planPack,
  readInstalledState,
  validatePack,
} from '@tessera/packs';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { writePackApplyAudit } from '../audit/pack-apply.audit';
import { sessionOf } from '../auth/auth.plugin';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { packLimit, readPackUpload, registerPackUploads } from './pack-upload.reader';
import { packFieldError } from './packs-error.mapper';

const tags = ['packs'];

export interface PackRouteDeps {
  readonly db: Kysely<any>;
  readonly clock?: Clock;
  /** TESSERA_TIME_ZONE: "today" of the formulas an apply recomputes. */
  readonly timeZone?: string;
  /** Largest archive accepted (TESSERA_MAX_PACK_MB). */
  readonly maxBytes: number;
  /** Where a pack's print images are stored, and exported from (the attachments' storage). */
  readonly files?: FileStorage;
}

/**
 * Template packs over HTTP (admins): validate, plan and apply an uploaded .zip, export an app as
 * a .zip. Apply takes the installedHash of the plan the admin saw and is refused (409) when the
 * installed state changed since; it writes the audit entry in the apply transaction.
 */
export async function packRoutes(app: FastifyInstance, deps: PackRouteDeps): Promise<void> {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const limit = packLimit(deps.maxBytes);
  await registerPackUploads(app, limit);

  const planned = async (loaded: LoadedPack) => {
    const result: PackPlanResult = await engineCall(() => planPack(db, loaded));
    if (!result.ok)
      throw ApiError.validation(
        result.errors.map(packFieldError),
        `The pack has ${result.errors.length} error(s).`,
      );
    return result;
  };

  app.post(
    '/api/packs/validate',
    {
      schema: {
        tags,
        summary: 'Validate a pack (.zip): every file against its schema and every cross-file reference',
        body: PackUploadBody,
        response: { 200: PackValidateOut, 400: Problem, 403: Problem, 413: Problem },
      },
    },
    async (request) => {
      await authorize(request, { action: 'pack.apply' });
      const { loaded } = await readPackUpload(request, limit);
      const result = validatePack(loaded);
      if (!result.ok)
        throw ApiError.validation(
          result.errors.map(packFieldError),
          `The pack has ${result.errors.length} error(s).`,
        );
      const { manifest } = result.pack;
      return {
        valid: true as const,
        pack: {
          name: manifest.name,
          version: manifest.version,
          app: manifest.app ?? manifest.name.replace(/-/g, '_'),
        },
        files: loaded.jsonFiles.length,
      };
    },
  );

  app.post(
    '/api/packs/plan',
    {
      schema: {
        tags,
        summary: 'Plan applying a pack (.zip) against what is installed, changing nothing',
        body: PackUploadBody,
        response: { 200: PackPlanOut, 400: Problem, 403: Problem, 409: Problem, 413: Problem },
      },
    },
    async (request) => {
      await authorize(request, { action: 'pack.apply' });
      const { loaded } = await readPackUpload(request, limit);
      const { plan } = await planned(loaded);
      return {
        app: plan.app,
        installedHash: plan.installedHash,
        noop: plan.noop,
        text: formatPackPlan(plan),
        plan,
      };
    },
  );

  app.post<{ Querystring: Static<typeof PackApplyQuery> }>(
    '/api/packs/apply',
    {
      schema: {
        tags,
        summary:
          'Apply a pack (.zip) in one transaction, if the installed state is still the one planned against',
        body: PackUploadBody,
        querystring: PackApplyQuery,
        response: { 200: PackApplyOut, 400: Problem, 403: Problem, 409: Problem, 413: Problem },
      },
    },
    async (request) => {
      const principal = await authorize(request, { action: 'pack.apply' });
      const { loaded, fields } = await readPackUpload(request, limit);
      const seen = request.query.installedHash ?? fields.installedHash;
      if (!seen)
        throw ApiError.validation([
          {
            path: 'installedHash',
            message: 'is required: the installedHash of the plan you reviewed (POST /api/packs/plan)',
          },
        ]);
      const { plan, pack } = await planned(loaded);
      if (plan.installedHash !== seen)
        throw new ApiError(
          'PACK_PLAN_STALE',
          `App ${plan.app} changed since that plan was made (a form was published or a pack applied): plan again.`,
        );
      const result = await engineCall(() =>
        applyPack(db, loaded, plan, {
          actor: { id: principal.userId },
          clock,
          ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
          ...(deps.files ? { files: deps.files } : {}),
          inTransaction: (trx, applied) => {
            const user = sessionOf(request).user;
            return writePackApplyAudit(trx, applied, plan.pack, {
              actorId: user.id,
              actorName: user.username,
              ip: request.ip,
            });
          },
        }),
      );
      const after = await readInstalledState(db, plan.app);
      return {
        app: result.app,
        applied: result.applied,
        pack: { name: pack.manifest.name, version: pack.manifest.version, app: plan.app },
        forms: result.forms,
        roles: result.roles.filter((r) => r.kind !== 'unchanged'),
        documents: result.documents,
        installedHash: after.hash,
      };
    },
  );

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/export',
    {
      schema: {
        tags,
        summary: 'Download an installed app as a pack (.zip): the same bytes for the same installed state',
        params: AppParams,
        response: {
          200: {
            description: 'The pack as a .zip',
            content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
          },
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { app: appKey } = request.params;
      await authorize(request, { app: appKey, action: 'pack.export' });
      const state = await readInstalledState(db, appKey);
      if (!state.exists) throw ApiError.notFound(`No app ${appKey}.`);
      const zip = await engineCall(() => exportPackZip(db, appKey, deps.files));
      const name = state.pack?.manifest.name ?? appKey.replace(/_/g, '-');
      const version = state.pack?.manifest.version ?? '0.0.0';
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${name}-${version}.zip"`)
        .send(zip);
    },
  );
}
