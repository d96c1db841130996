import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/logic (expressions) and @tessera/store (the database and data folder). */
export const PLATFORM_ERRORS = {
  LOGIC_INVALID_EXPRESSION: {
    category: 'invalid',
    message: { en: 'The expression is invalid.', 'zh-CN': '表达式无效。' },
    when: 'A condition, formula or rule expression that does not compile (unknown operator or field, wrong arguments).',
  },
  LOGIC_EMPTY_NUMBER: {
    category: 'invalid',
    message: {
      en: 'A condition compares an empty value with a number.',
      'zh-CN': '条件将空值与数字进行比较，无法判断。',
    },
    when: 'A flow gateway or rule condition comparing a number that is empty (strict numbers): the designer must handle the empty case.',
  },
  LOGIC_CONTEXT_REQUIRED: {
    category: 'internal',
    message: {
      en: 'An expression needs the current time but was given none.',
      'zh-CN': '表达式需要当前时间，但未提供。',
    },
    when: '`today`/`now` evaluated without an evaluation context (a bug of the caller).',
  },
  DATABASE_UNREACHABLE: {
    category: 'unavailable',
    message: { en: 'The database cannot be reached.', 'zh-CN': '无法连接数据库。' },
    when: 'At start or in the CLI: DATABASE_URL does not answer.',
  },
  DATA_DIR_LOCKED: {
    category: 'unavailable',
    message: {
      en: 'The data folder is in use by another Tessera process.',
      'zh-CN': '数据目录正被另一个 Tessera 进程使用。',
    },
    when: 'At start or in the CLI: the embedded database of DATA_DIR is held by another process.',
  },
  MIGRATION_FAILED: {
    category: 'internal',
    message: { en: 'The database migration failed.', 'zh-CN': '数据库迁移失败。' },
    when: 'At start: a system-table migration failed (nothing of it was applied).',
  },
} as const satisfies Record<string, ErrorEntry>;
