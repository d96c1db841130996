import type { RuleDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { addIsoDuration } from '../../actions/create-todo.action';
import { occurrenceKey } from '../../firing/once-policy';
import { backoffMs, DEFAULT_RETRY } from '../../rules-context';
import { addDays, localDate } from '../local-date';
import { pickText, renderTemplate } from '../template.renderer';

describe('templates', () => {
  const data = {
    order_no: 'SO-1',
    amount: 600000,
    customer: { id: 'c1', name: 'Acme' },
    tags: ['a', 'b'],
    none: null,
  };
  it.each([
    ['Order {{ order_no }}', 'Order SO-1'],
    ['{{order_no}}/{{ amount }}', 'SO-1/600000'],
    ['{{ customer.name }}', 'Acme'],
    ['{{ customer }}', 'Acme'],
    ['{{ tags }}', 'a, b'],
    ['[{{ none }}][{{ missing.path }}]', '[][]'],
    ['{{ constructor }}', ''],
    ['{{ not valid }}', '{{ not valid }}'],
  ])('%s → %s', (template, expected) => {
    expect(renderTemplate(template, data)).toBe(expected);
  });

  it('a value is never re-scanned for placeholders', () => {
    expect(renderTemplate('{{ a }}', { a: '{{ b }}', b: 'leak' })).toBe('{{ b }}');
  });

  it.each([
    [{ en: 'Hi', 'zh-CN': '你好' }, 'zh-CN', '你好'],
    [{ en: 'Hi', 'zh-CN': '你好' }, 'en', 'Hi'],
    [{ en: 'Hi', 'zh-CN': '你好' }, 'zh', '你好'],
    [{ en: 'Hi' }, 'zh-CN', 'Hi'],
    [{ 'zh-CN': '你好' }, 'en', '你好'],
  ])('%j in %s → %s', (label, locale, expected) => {
    expect(pickText(label, locale)).toBe(expected);
  });
});

describe('once-policy and time', () => {
  const rule = (once?: RuleDefinition['once']) =>
    ({
      key: 'r',
      title: { en: 'r' },
      trigger: { type: 'record_created' },
      actions: [],
      ...(once ? { once } : {}),
    }) as unknown as RuleDefinition;
  const now = new Date('2026-03-10T17:00:00Z'); // already 03-11 in Shanghai
  it.each([
    [undefined, 'created@x'],
    ['occurrence', 'created@x'],
    ['record', 'once'],
    ['day', 'day:2026-03-11'],
  ] as const)('once=%s → %s', (once, expected) => {
    expect(occurrenceKey(rule(once), 'created@x', now, 'Asia/Shanghai')).toBe(expected);
  });

  it('local dates and day arithmetic', () => {
    expect(localDate(now, 'UTC')).toBe('2026-03-10');
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-03-11');
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('backoff doubles and is capped; ISO durations', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs({ ...DEFAULT_RETRY, baseMs: 1000, maxMs: 5000 }, n))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
    expect(addIsoDuration(new Date(0), 'P1W2DT3H4M5S')?.getTime()).toBe(
      (((9 * 24 + 3) * 60 + 4) * 60 + 5) * 1000,
    );
    expect(addIsoDuration(new Date(0), 'P1M')).toBeNull();
  });
});
