export type RulesErrorCode =
  | 'rule_not_found'
  | 'rule_invalid'
  | 'version_not_found'
  | 'form_not_published'
  | 'recipient_unsupported'
  | 'action_failed';

/** Who is to blame decides logging and the HTTP status. */
export type RulesErrorCategory = 'user' | 'operational';

const CATEGORY: Record<RulesErrorCode, RulesErrorCategory> = {
  rule_not_found: 'user',
  rule_invalid: 'user',
  version_not_found: 'user',
  form_not_published: 'user',
  recipient_unsupported: 'user',
  action_failed: 'operational',
};

/** A failure of the rule engine with a stable `code`. */
export class RulesError extends Error {
  readonly category: RulesErrorCategory;
  constructor(
    readonly code: RulesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RulesError';
    this.category = CATEGORY[code];
  }
}
