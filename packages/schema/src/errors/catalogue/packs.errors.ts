import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/packs: validating, planning, applying and exporting packs. */
export const PACKS_ERRORS = {
  PACK_INVALID: {
    category: 'invalid',
    message: { en: 'The pack has errors.', 'zh-CN': '应用包存在错误。' },
    when: 'A pack whose files do not validate; every error is listed by file and JSON pointer.',
  },
  PACK_ARCHIVE_INVALID: {
    category: 'invalid',
    message: { en: 'The pack archive cannot be read.', 'zh-CN': '无法读取应用包压缩文件。' },
    when: 'A .zip that is damaged, unsafe (paths escaping the pack, links) or too large once unpacked.',
  },
  PACK_ENGINE_REFUSED: {
    category: 'invalid',
    message: {
      en: 'A flow, rule or report of the pack was refused.',
      'zh-CN': '应用包中的流程、规则或报表被拒绝。',
    },
    when: 'The flow, rule or report engine refuses a document of the pack.',
  },
  EXPORT_TARGET_NOT_EMPTY: {
    category: 'invalid',
    message: { en: 'The export folder is not empty.', 'zh-CN': '导出目录不为空。' },
    when: 'Exporting an app into a folder that already has files.',
  },
  PACK_PLAN_STALE: {
    category: 'conflict',
    message: {
      en: 'The app changed since the plan was made; plan again.',
      'zh-CN': '生成计划后应用已发生变化，请重新生成计划。',
    },
    when: 'Applying a plan after a form was published or another pack applied.',
  },
  PACK_PLAN_MISMATCH: {
    category: 'conflict',
    message: {
      en: 'The plan was made for other pack files; plan again.',
      'zh-CN': '该计划对应的是其他应用包文件，请重新生成计划。',
    },
    when: 'Applying a plan with pack files other than the ones it was made from.',
  },
  PACK_FORM_REFUSED: {
    category: 'conflict',
    message: {
      en: 'The installed data does not allow a form of the pack.',
      'zh-CN': '已有数据不允许安装应用包中的某个表单。',
    },
    when: 'The form engine refuses to publish a form of the pack (data checks, an impossible change); nothing is applied.',
  },
  PACK_REQUIREMENT_UNMET: {
    category: 'conflict',
    message: {
      en: 'The pack needs a Tessera version or packs that are not installed.',
      'zh-CN': '应用包所需的 Tessera 版本或依赖包未安装。',
    },
    when: '`requires` of pack.json names a Tessera version or packs that are not installed.',
  },
  APP_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The app is not installed.', 'zh-CN': '应用未安装。' },
    when: 'An app that is not installed (or that the role does not see), or exporting one.',
  },
} as const satisfies Record<string, ErrorEntry>;
