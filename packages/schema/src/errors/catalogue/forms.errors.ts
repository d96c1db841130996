import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/forms: form design and publish (tables) and records. */
export const FORMS_ERRORS = {
  INVALID_IDENTIFIER: {
    category: 'invalid',
    message: {
      en: 'A key is not a valid identifier (lowercase letters, digits and _).',
      'zh-CN': '标识不合法（只能使用小写字母、数字和下划线）。',
    },
    when: 'An app, form or field key that cannot become a table or column name.',
  },
  FORM_DEFINITION_INVALID: {
    category: 'invalid',
    message: { en: 'The form definition is invalid.', 'zh-CN': '表单定义无效。' },
    when: 'Saving a form draft that does not validate against the form schema.',
  },
  FORM_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The form does not exist.', 'zh-CN': '表单不存在。' },
    when: 'An unknown form key (in the form design API, or one the role does not see).',
  },
  FORM_VERSION_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The form version does not exist.', 'zh-CN': '表单版本不存在。' },
    when: 'Planning or publishing a version number the form does not have.',
  },
  VERSION_NOT_DRAFT: {
    category: 'conflict',
    message: {
      en: 'Only a draft can be changed or published.',
      'zh-CN': '只能修改或发布草稿版本。',
    },
    when: 'Editing or publishing a form version that is already published or superseded.',
  },
  PUBLISH_REFUSED: {
    category: 'conflict',
    message: {
      en: 'The publish was refused; nothing was changed.',
      'zh-CN': '发布被拒绝，未做任何更改。',
    },
    when: 'Publishing a change the existing records do not allow (a required field with empty rows, a narrowing type change); the errors name each field and offending record.',
  },
  PUBLISH_CONFLICT: {
    category: 'conflict',
    message: {
      en: 'Another publish of this form happened meanwhile; plan again.',
      'zh-CN': '该表单刚被他人发布，请重新生成变更计划。',
    },
    when: 'Two publishes of the same form at once, or a plan made against an older published version.',
  },
  FIELD_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The field does not exist.', 'zh-CN': '字段不存在。' },
    when: 'Restoring or purging a field id the form does not have.',
  },
  FIELD_NOT_DELETED: {
    category: 'conflict',
    message: { en: 'The field is not deleted.', 'zh-CN': '该字段未被删除。' },
    when: 'Restoring or purging a field that is still part of the form.',
  },
  RECORD_INVALID: {
    category: 'invalid',
    message: { en: 'The record is invalid.', 'zh-CN': '记录数据无效。' },
    when: 'Creating or updating a record whose values fail the form (required, type, range, options, validation rules); every field error is listed by path (`items[3].qty`).',
  },
  RECORD_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The record does not exist.', 'zh-CN': '记录不存在。' },
    when: 'A record id that is not in the form (or was deleted), in the records, flow or print API.',
  },
  FORM_NOT_PUBLISHED: {
    category: 'not_found',
    message: { en: 'The form is not published.', 'zh-CN': '表单尚未发布。' },
    when: 'Reading, writing or importing records of a form that has no published version.',
  },
  INVALID_QUERY: {
    category: 'invalid',
    message: { en: 'The query is invalid.', 'zh-CN': '查询条件无效。' },
    when: 'A record list filter, sort or cursor, or a report query model, that names an unknown field or uses an operator the field type does not allow.',
  },
  RECORD_IN_USE: {
    category: 'conflict',
    message: {
      en: 'Other records still link to this record.',
      'zh-CN': '仍有其他记录关联此记录。',
    },
    when: 'Purging a record that other records link to.',
  },
} as const satisfies Record<string, ErrorEntry>;
