import type { Label, PrintTemplateDefinition } from '@tessera/schema';

export type PrintLocale = NonNullable<PrintTemplateDefinition['locale']>;

/** A label in the template's language, falling back to the other one. */
export function pick(label: Label | string | undefined, locale: PrintLocale): string {
  if (label === undefined) return '';
  if (typeof label === 'string') return label;
  return (locale === 'zh-CN' ? (label['zh-CN'] ?? label.en) : (label.en ?? label['zh-CN'])) ?? '';
}

/** The few words the printer itself writes, per language. */
export const PRINT_WORDS: Record<
  PrintLocale,
  Record<
    | 'yes'
    | 'no'
    | 'total'
    | 'no_rows'
    | 'row_number'
    | 'capitals'
    | 'continued'
    | 'page_subtotal'
    | 'carried_forward'
    | 'brought_forward',
    string
  >
> = {
  'zh-CN': {
    yes: '是',
    no: '否',
    total: '合计',
    no_rows: '（无明细）',
    row_number: '序号',
    capitals: '大写',
    continued: '续',
    page_subtotal: '本页小计',
    carried_forward: '过次页',
    brought_forward: '承上页',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    total: 'Total',
    no_rows: '(no items)',
    row_number: 'No.',
    capitals: 'In words',
    continued: 'continued',
    page_subtotal: 'Page subtotal',
    carried_forward: 'Carried forward',
    brought_forward: 'Brought forward',
  },
};
