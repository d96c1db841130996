import type { ErrorEntry } from '../error-entry.js';

/** Codes of the HTTP layer itself: request checks, sessions, permissions, limits, the org admin. */
export const HTTP_ERRORS = {
  VALIDATION_FAILED: {
    category: 'invalid',
    message: { en: 'The request is invalid.', 'zh-CN': '请求无效。' },
    when: 'A body, query string or path parameter does not match the route schema (every problem is listed by path), or a route refuses an input value.',
  },
  UNAUTHENTICATED: {
    category: 'unauthenticated',
    message: { en: 'Log in first.', 'zh-CN': '请先登录。' },
    when: 'No session cookie, or the session expired or was revoked.',
  },
  INVALID_CREDENTIALS: {
    category: 'unauthenticated',
    message: { en: 'The user name or password is wrong.', 'zh-CN': '用户名或密码错误。' },
    when: 'A login, or a password change, with a wrong password or an unknown or disabled user.',
  },
  CSRF_FAILED: {
    category: 'forbidden',
    message: {
      en: 'The request lacks the session security token; reload the page.',
      'zh-CN': '请求缺少会话安全令牌，请刷新页面。',
    },
    when: 'A state-changing request without the session CSRF token in `X-CSRF-Token`.',
  },
  FORBIDDEN: {
    category: 'forbidden',
    message: { en: 'You do not have permission to do this.', 'zh-CN': '您没有权限执行此操作。' },
    when: 'The role, row scope or field access of the caller forbids the action, a field or the record.',
  },
  NOT_FOUND: {
    category: 'not_found',
    message: { en: 'Not found.', 'zh-CN': '未找到。' },
    when: 'An unknown route, app, user, department, role, notification or other resource of the API.',
  },
  CONFLICT: {
    category: 'conflict',
    message: { en: 'This conflicts with existing data.', 'zh-CN': '与已有数据冲突。' },
    when: 'A unique value that is already taken (a department code, a user name, the name of a saved view).',
  },
  STALE_VERSION: {
    category: 'conflict',
    message: {
      en: 'Someone else changed this meanwhile; reload it and try again.',
      'zh-CN': '此内容已被他人修改，请重新加载后再试。',
    },
    when: 'An update carrying a version (record, print template, report, dashboard) that is no longer the current one.',
  },
  RATE_LIMITED: {
    category: 'rate_limited',
    message: { en: 'Too many attempts; try again later.', 'zh-CN': '尝试次数过多，请稍后再试。' },
    when: 'Too many failed logins or password checks from one address, or too many requests (with `Retry-After`).',
  },
  PAYLOAD_TOO_LARGE: {
    category: 'too_large',
    message: { en: 'The request is too large.', 'zh-CN': '请求内容过大。' },
    when: 'A JSON body, import or pack upload above its configured limit (the detail names the setting).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    category: 'unsupported_media_type',
    message: { en: 'The request is not in a format this route accepts.', 'zh-CN': '请求的格式不受支持。' },
    when: 'An upload that is not multipart/form-data (or CSV/XLSX where a sheet is expected), or a body of another content type.',
  },
  DEPARTMENT_CYCLE: {
    category: 'conflict',
    message: {
      en: 'A department cannot move under itself or one of its sub-departments.',
      'zh-CN': '部门不能移动到其自身或其下级部门之下。',
    },
    when: 'Moving a department under itself or one of its descendants.',
  },
  DEPARTMENT_NOT_EMPTY: {
    category: 'conflict',
    message: {
      en: 'The department still has members or sub-departments.',
      'zh-CN': '该部门仍有成员或下级部门。',
    },
    when: 'Deleting a department that still has members or sub-departments.',
  },
  LAST_ADMIN: {
    category: 'conflict',
    message: {
      en: 'This is the last active administrator; make someone else one first.',
      'zh-CN': '这是最后一位启用的管理员，请先指定其他管理员。',
    },
    when: 'Disabling, demoting or deleting the last active administrator.',
  },
  CLOCK_NOT_MOVABLE: {
    category: 'conflict',
    message: {
      en: 'This server runs on the system clock; it cannot be moved.',
      'zh-CN': '此服务器使用系统时钟，无法调整时间。',
    },
    when: 'Moving the clock of a server not started with TESSERA_CLOCK=movable.',
  },
  INTERNAL: {
    category: 'internal',
    message: {
      en: 'Something went wrong on our side; it has been logged.',
      'zh-CN': '服务器出错，已记录日志。',
    },
    when: 'Any error that is not in this catalogue (a bug), or an internal one below: the client sees this code, the log the cause.',
  },
} as const satisfies Record<string, ErrorEntry>;
