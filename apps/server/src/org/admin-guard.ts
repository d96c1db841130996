import type { FastifyRequest } from 'fastify';
import { type AccessAction, authorize, type Principal } from '../access/authorize';
import { ApiError } from '../errors/api-error';

/**
 * Organisation admin and the audit log are for administrators only. Goes through `authorize`
 * like every route (so the access engine sees the action), then insists on the admin flag
 * itself: these actions are never granted through app roles.
 */
export async function requireAdmin(
  request: FastifyRequest,
  action: Extract<AccessAction, 'org.manage' | 'audit.read' | 'clock.move'>,
): Promise<Principal & { readonly username: string }> {
  const principal = await authorize(request, { action });
  if (!principal.isAdmin) {
    throw ApiError.forbidden(
      action === 'audit.read'
        ? 'Only administrators may read the audit log.'
        : action === 'clock.move'
          ? 'Only administrators may move the clock.'
          : 'Only administrators may manage users, departments and roles.',
    );
  }
  return { ...principal, username: request.session?.user.username ?? '' };
}
