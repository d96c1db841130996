import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../auth/auth.plugin';
import { ApiError } from '../errors/api-error';

/** What a route is about to do. Designing (apps, form versions, publish) is separate from using records. */
export type AccessAction =
  | 'app.list'
  | 'app.create'
  | 'form.read'
  | 'form.design'
  | 'record.read'
  | 'record.create'
  | 'record.update'
  | 'record.delete';

export interface AccessTarget {
  readonly app?: string;
  readonly form?: string;
  readonly action: AccessAction;
}

/** Who acts, as the engines need it. */
export interface Principal {
  readonly userId: string;
  readonly isAdmin: boolean;
}

const DESIGN: ReadonlySet<AccessAction> = new Set(['app.create', 'form.design']);

/**
 * THE one permission check every forms/records route calls before it does anything. Today:
 * admins may do everything; other logged-in users may read forms and read and write records, but
 * not design. The access-control issue (7) replaces this body with roles and row/field scopes;
 * the call sites stay as they are.
 */
export async function authorize(request: FastifyRequest, target: AccessTarget): Promise<Principal> {
  const session = sessionOf(request);
  const principal = { userId: session.user.id, isAdmin: session.user.isAdmin };
  if (principal.isAdmin) return principal;
  if (DESIGN.has(target.action)) {
    throw ApiError.forbidden('Only administrators may design apps and forms.');
  }
  return principal;
}
