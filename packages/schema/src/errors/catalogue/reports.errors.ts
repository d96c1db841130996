import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/reports and @tessera/charts (INVALID_QUERY is shared with the records API). */
export const REPORTS_ERRORS = {
  REPORT_TOO_COMPLEX: {
    category: 'invalid',
    message: {
      en: 'The report is too complex to run.',
      'zh-CN': '报表过于复杂，无法运行。',
    },
    when: 'A report past a limit before it runs: joins, condition depth, or the estimated cost (the detail names the limit and its setting).',
  },
  REPORT_FAN_OUT: {
    category: 'invalid',
    message: {
      en: 'The report joins too many one-to-many relations: their rows would multiply.',
      'zh-CN': '报表连接的一对多关系过多：各关系的行数会相乘。',
    },
    when: 'A query model with more one-to-many joins (reverse links, line items) than the limit allows: each record would be repeated for every combination of its related rows, so the report could run for minutes and its sums would count rows many times over.',
  },
  QUERY_TIMEOUT: {
    category: 'unavailable',
    message: {
      en: 'The report took too long and was stopped; narrow it down or try later.',
      'zh-CN': '报表运行超时已停止，请缩小范围或稍后再试。',
    },
    when: 'A report query past its statement timeout.',
  },
  REPORTS_UNREACHABLE: {
    category: 'unavailable',
    message: {
      en: 'Reports are unavailable: their database cannot be reached. Everything else still works; try again shortly.',
      'zh-CN': '报表暂不可用：无法连接报表数据库。其他功能正常，请稍后再试。',
    },
    when: 'The database reports run on (the replica of REPORTS_DATABASE_URL, else the primary) cannot be reached.',
  },
  REPORTS_REPLICA_BEHIND: {
    category: 'unavailable',
    message: {
      en: 'Reports are catching up with a recent form change; try again in a moment.',
      'zh-CN': '报表正在同步最近的表单变更，请稍后再试。',
    },
    when: 'The read replica has not yet replayed a form change the report needs.',
  },
  REPORTS_REPLICA_CONFLICT: {
    category: 'unavailable',
    message: {
      en: 'The report was cancelled while the read replica applied recent changes; try again.',
      'zh-CN': '只读副本同步数据时取消了报表查询，请重试。',
    },
    when: 'The read replica cancelled the query in a recovery conflict.',
  },
  REPORT_QUERY_FAILED: {
    category: 'internal',
    message: { en: 'The report query failed.', 'zh-CN': '报表查询失败。' },
    when: 'The database refused a compiled report statement for another reason (a bug): logged, answered as INTERNAL.',
  },
  REPORT_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The report does not exist.', 'zh-CN': '报表不存在。' },
    when: 'An unknown app or report key, or a dashboard widget naming a report that does not exist.',
  },
  DASHBOARD_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The dashboard does not exist.', 'zh-CN': '仪表盘不存在。' },
    when: 'An unknown dashboard key.',
  },
  CHART_INVALID: {
    category: 'invalid',
    message: { en: 'The chart does not fit the report result.', 'zh-CN': '图表与报表结果不匹配。' },
    when: 'A chart spec naming a dimension or measure the result does not have.',
  },
} as const satisfies Record<string, ErrorEntry>;
