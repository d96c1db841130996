import type { FieldDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { type FormatContext, formatValue } from '../field-value.formatter';

/** Users, departments and roles print by name in the template's language, never as ids or codes. */
const names = {
  userName: (id: string) => ({ 'u-1': '刘强' })[id],
  departmentName: (code: string) => ({ warehouse: '仓储部', sales: '销售部' })[code],
  roleTitle: (key: string) =>
    ({ warehouse: { en: 'Warehouse', 'zh-CN': '仓库' }, sales: { en: 'Sales', 'zh-CN': '销售' } })[key],
};
const ctx = (locale: 'zh-CN' | 'en'): FormatContext => ({ locale, timeZone: 'UTC', catalog: {}, ...names });
const field = (type: 'department' | 'role' | 'user', multiple = false) =>
  ({
    id: 'f',
    key: 'f',
    type,
    label: { en: 'F' },
    ...(multiple ? { multiple: true } : {}),
  }) as unknown as FieldDefinition;

describe('named values on prints', () => {
  it.each([
    ['department', 'warehouse', 'zh-CN', '仓储部'],
    ['department', ['sales', 'warehouse'], 'zh-CN', '销售部、仓储部'],
    ['department', ['sales', 'warehouse'], 'en', '销售部, 仓储部'],
    // a department deleted since: its code, rather than nothing
    ['department', 'closed_branch', 'zh-CN', 'closed_branch'],
    ['role', 'warehouse', 'zh-CN', '仓库'],
    ['role', 'warehouse', 'en', 'Warehouse'],
    ['role', ['sales', 'warehouse'], 'zh-CN', '销售、仓库'],
    ['role', 'gone', 'en', 'gone'],
    ['user', 'u-1', 'zh-CN', '刘强'],
  ] as const)('%s %j in %s prints %s', (type, value, locale, printed) => {
    expect(formatValue(value, field(type, Array.isArray(value)), ctx(locale))).toBe(printed);
  });

  it('prints codes when the names were not loaded (a caller without them)', () => {
    const bare: FormatContext = { locale: 'zh-CN', timeZone: 'UTC', catalog: {}, userName: () => undefined };
    expect(formatValue('warehouse', field('department'), bare)).toBe('warehouse');
    expect(formatValue(['sales', 'warehouse'], field('role', true), bare)).toBe('sales、warehouse');
  });
});
