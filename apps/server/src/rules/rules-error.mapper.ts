import { RulesError } from '@tessera/rules';
import { ApiError } from '../errors/api-error';

/** Runs a service call, turning the rule engine's user errors into problem+json answers. */
export async function withRulesErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    switch (error.code) {
      case 'rule_not_found':
      case 'version_not_found':
        throw ApiError.notFound(error.message);
      case 'rule_invalid':
      case 'form_not_published':
      case 'recipient_unsupported':
        throw ApiError.validation([{ path: '', message: error.message }], error.message);
      case 'action_failed':
        throw error;
      default:
        throw error;
    }
  }
}
