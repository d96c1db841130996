import { attachmentField } from './attachment/attachment.field';
import { autoNumberField } from './auto-number/auto-number.field';
import { booleanField } from './boolean/boolean.field';
import { dateField } from './date/date.field';
import { datetimeField } from './datetime/datetime.field';
import { departmentField } from './department/department.field';
import { emailField } from './email/email.field';
import type { FieldUiTable } from './field-ui.types';
import { formulaField } from './formula/formula.field';
import { integerField } from './integer/integer.field';
import { jsonField } from './json/json.field';
import { lineItemsField } from './line-items/line-items.field';
import { linkField } from './link/link.field';
import { longTextField } from './long-text/long-text.field';
import { lookupField } from './lookup/lookup.field';
import { moneyField } from './money/money.field';
import { multiSelectField } from './multi-select/multi-select.field';
import { numberField } from './number/number.field';
import { percentField } from './percent/percent.field';
import { phoneField } from './phone/phone.field';
import { ratingField } from './rating/rating.field';
import { richTextField } from './rich-text/rich-text.field';
import { roleField } from './role/role.field';
import { rollupField } from './rollup/rollup.field';
import { singleSelectField } from './single-select/single-select.field';
import { textField } from './text/text.field';
import { urlField } from './url/url.field';
import { userField } from './user/user.field';

/** How each field type is shown and edited: one folder per type, one row here (typed exhaustive). */
export const FIELD_UI: FieldUiTable = {
  text: textField,
  long_text: longTextField,
  rich_text: richTextField,
  number: numberField,
  integer: integerField,
  money: moneyField,
  percent: percentField,
  rating: ratingField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  single_select: singleSelectField,
  multi_select: multiSelectField,
  user: userField,
  department: departmentField,
  role: roleField,
  link: linkField,
  line_items: lineItemsField,
  auto_number: autoNumberField,
  formula: formulaField,
  rollup: rollupField,
  lookup: lookupField,
  email: emailField,
  phone: phoneField,
  url: urlField,
  attachment: attachmentField,
  json: jsonField,
};
