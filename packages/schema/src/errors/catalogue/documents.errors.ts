import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/print, @tessera/sheets and @tessera/files: documents in and out. */
export const DOCUMENTS_ERRORS = {
  PRINT_TEMPLATE_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The print template does not exist.', 'zh-CN': '打印模板不存在。' },
    when: 'An unknown print template key of the form.',
  },
  PRINT_TEMPLATE_INVALID: {
    category: 'invalid',
    message: { en: 'The print template is invalid.', 'zh-CN': '打印模板无效。' },
    when: 'Publishing or previewing a template whose fields, tables, amounts, placeholders or images do not resolve on its form; every problem by JSON path.',
  },
  PRINT_TEMPLATE_NO_DRAFT: {
    category: 'conflict',
    message: { en: 'The print template has no draft to publish.', 'zh-CN': '打印模板没有可发布的草稿。' },
    when: 'Publishing a template whose draft was published or never saved.',
  },
  PRINT_TOO_MANY_RECORDS: {
    category: 'invalid',
    message: {
      en: 'Too many records to print at once.',
      'zh-CN': '一次打印的记录过多。',
    },
    when: 'A batch print of more records than the batch limit.',
  },
  SHEET_UNREADABLE: {
    category: 'invalid',
    message: { en: 'The sheet cannot be read.', 'zh-CN': '无法读取表格文件。' },
    when: 'An import file that is not a readable CSV or XLSX, or has no header row.',
  },
  SHEET_OPTIONS_INVALID: {
    category: 'invalid',
    message: { en: 'The import or export options are invalid.', 'zh-CN': '导入或导出选项无效。' },
    when: 'An export naming fields the form does not have, or an import chunk size out of range.',
  },
  FILE_TOO_LARGE: {
    category: 'too_large',
    message: { en: 'The file is too large.', 'zh-CN': '文件过大。' },
    when: "An upload above the field's `maxFileSizeMb` or the server's TESSERA_MAX_FILE_MB.",
  },
  FILE_TYPE_NOT_ALLOWED: {
    category: 'unsupported_media_type',
    message: { en: 'This type of file is not allowed here.', 'zh-CN': '此处不允许上传该类型的文件。' },
    when: 'The type sniffed from the bytes is not one the field accepts, or is an executable.',
  },
  FILE_TYPE_MISMATCH: {
    category: 'unsupported_media_type',
    message: {
      en: "The file's content does not match its name.",
      'zh-CN': '文件内容与文件名不符。',
    },
    when: 'The extension says one type, the bytes another (a `.png` that is HTML).',
  },
  FILE_EMPTY: {
    category: 'invalid',
    message: { en: 'The file is empty.', 'zh-CN': '文件为空。' },
    when: 'An upload with no bytes.',
  },
  FILE_MISSING: {
    category: 'internal',
    message: { en: 'The stored file is missing.', 'zh-CN': '存储的文件丢失。' },
    when: 'The metadata row exists but the storage has no bytes for it (lost, or not yet replicated): logged, answered as INTERNAL.',
  },
} as const satisfies Record<string, ErrorEntry>;
