import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/rules: automation rules and their actions. */
export const RULES_ERRORS = {
  RULE_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The rule does not exist.', 'zh-CN': '规则不存在。' },
    when: 'An unknown rule key, or a rule with no published version.',
  },
  RULE_VERSION_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The rule version does not exist.', 'zh-CN': '规则版本不存在。' },
    when: 'Publishing or dry-running a draft version number the rule does not have.',
  },
  RULE_INVALID: {
    category: 'invalid',
    message: { en: 'The rule definition is invalid.', 'zh-CN': '规则定义无效。' },
    when: 'Saving a rule that does not validate (trigger, condition, actions); every problem is listed by path.',
  },
  RECIPIENT_UNSUPPORTED: {
    category: 'invalid',
    message: {
      en: 'The rule names a recipient this action cannot reach.',
      'zh-CN': '规则中的接收人不适用于此动作。',
    },
    when: 'A notification recipient of a kind the action does not support.',
  },
  RULE_ACTION_FAILED: {
    category: 'internal',
    message: { en: 'A rule action failed.', 'zh-CN': '规则动作执行失败。' },
    when: 'A rule action that cannot complete at run time (a webhook that fails, no recipient found, a form no longer published): recorded on the rule run and retried, never answered to a client.',
  },
} as const satisfies Record<string, ErrorEntry>;
