import type { TFunction } from 'i18next';
import { ApiError } from '../../api/api-error';

/** Conflicts the flow engine names by the problem's code: said in the UI's language (key = the code in lower case). */
const KNOWN_CONFLICTS = new Set([
  'TASK_NOT_OPEN',
  'INSTANCE_NOT_RUNNING',
  'REMIND_THROTTLED',
  'FLOW_NOT_PUBLISHED',
  'TOKEN_NOT_FOUND',
]);

export interface ActionErrorText {
  /** What happened, in the UI's language. */
  readonly title: string;
  /** The server's own words (field errors included), when they add something. */
  readonly detail?: string;
}

/** A refused action as the person reads it: a translated headline and the server's reason. */
export function actionErrorText(error: unknown, t: TFunction): ActionErrorText {
  const api = error instanceof ApiError ? error : null;
  if (!api) return { title: t('shared:error.unexpected') };
  if (api.isNetwork) return { title: t('shared:error.network') };
  if (KNOWN_CONFLICTS.has(api.code)) return { title: t(`inbox:error.${api.code.toLowerCase()}`) };
  const fields = Object.entries(api.fieldErrorsIn(t))
    .filter(([path]) => path !== '')
    .map(([path, message]) => `${path}: ${message}`);
  const detail = [api.message, ...fields].filter(Boolean).join(' — ') || undefined;
  const title =
    api.status === 403
      ? t('inbox:error.forbidden')
      : api.status === 404
        ? t('inbox:error.gone')
        : api.status === 409
          ? t('inbox:error.conflict')
          : api.status >= 500
            ? t('shared:error.unexpected')
            : t('inbox:error.invalid');
  return detail ? { title, detail } : { title };
}
