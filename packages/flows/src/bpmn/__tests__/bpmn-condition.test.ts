import { describe, expect, it } from 'vitest';
import { translateCondition } from '../bpmn-condition.translator';

/** A JUEL expression `${body}` (built, so no string in the code looks like a template). */
const juel = (body: string) => `$` + `{${body}}`;
const XPATH = 'http://www.w3.org/1999/XPath';
const FEEL = 'https://www.omg.org/spec/DMN/20191111/FEEL/';

describe('conditions of other modelers read as JSON-Logic', () => {
  it.each([
    { body: juel('amount > 10000'), logic: { '>': [{ var: 'amount' }, 10000] }, language: 'JUEL' },
    { body: '#{amount >= 10000}', logic: { '>=': [{ var: 'amount' }, 10000] }, language: 'JUEL' },
    { body: 'amount > 10000', logic: { '>': [{ var: 'amount' }, 10000] }, language: null },
    { body: '= amount > 10000', logic: { '>': [{ var: 'amount' }, 10000] }, language: 'FEEL' },
    {
      body: 'amount > 10000',
      declared: XPATH,
      logic: { '>': [{ var: 'amount' }, 10000] },
      language: 'XPath',
    },
    {
      body: juel("status == 'open' && amount gt 5"),
      logic: { and: [{ '==': [{ var: 'status' }, 'open'] }, { '>': [{ var: 'amount' }, 5] }] },
      language: 'JUEL',
    },
    {
      body: '= region = "north" or not(amount <= -1.5)',
      declared: FEEL,
      logic: { or: [{ '==': [{ var: 'region' }, 'north'] }, { '!': [{ '<=': [{ var: 'amount' }, -1.5] }] }] },
      language: 'FEEL',
    },
    { body: juel('approved'), logic: { '!!': [{ var: 'approved' }] }, language: 'JUEL' },
    { body: juel('!approved'), logic: { '!': [{ '!!': [{ var: 'approved' }] }] }, language: 'JUEL' },
    {
      body: juel('customer.tier != null'),
      logic: { '!=': [{ var: 'customer.tier' }, null] },
      language: 'JUEL',
    },
    { body: juel('a < b'), logic: { '<': [{ var: 'a' }, { var: 'b' }] }, language: 'JUEL' },
    { body: 'kind <> "x"', logic: { '!=': [{ var: 'kind' }, 'x'] }, language: null },
    {
      body: '{"==":[{"var":"status"},"won"]}',
      declared: 'application/json+logic',
      logic: { '==': [{ var: 'status' }, 'won'] },
      language: null,
    },
  ])('$body', ({ body, declared, logic, language }) => {
    expect(translateCondition(body, declared)).toEqual({ ok: true, logic, language });
  });

  it.each([
    {
      body: juel('execution.getVariable("amount") > 5'),
      why: 'function calls (execution.getVariable(…)) are not translated',
    },
    { body: '= amount * 2 > 10', why: "'* 2 > 10' is not a field, a value or a comparison" },
    { body: juel('amount > '), why: 'the expression ends too early' },
    { body: juel('(amount > 5'), why: "expected ')'" },
    { body: juel('10'), why: 'a value alone is not a condition' },
    { body: "getDataObject('order')/amount > 5", declared: XPATH, why: "'/amount > 5' is not a field" },
  ])('refuses $body, saying the expression, its language and what is accepted', ({ body, declared, why }) => {
    const result = translateCondition(body, declared);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`the condition ${body}`);
    expect(result.message).toContain(why);
    expect(result.message).toContain('Tessera accepts JSON-Logic (language="application/json+logic")');
  });

  it('names the language it refuses', () => {
    const result = translateCondition('= count(items) > 2');
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('= count(items) > 2 (FEEL)'),
    });
  });
});
