import { JSON_LOGIC_LANGUAGE } from './tessera-moddle';

/**
 * Conditions of other modelers' expression languages read as JSON-Logic: JUEL (`${amount > 10000}`,
 * Camunda 7, Activiti, Flowable), FEEL (`= amount > 10000`, Camunda 8) and XPath-style plain
 * comparisons (`amount > 10000`). Only simple comparisons of a field with a literal (or another
 * field), joined with and / or / not, are translated; anything else is refused with why, so
 * the user knows what to write instead.
 */
export type ConditionTranslation =
  | { readonly ok: true; readonly logic: unknown; readonly language: string | null }
  | { readonly ok: false; readonly message: string };

/** What the import accepts, said in every refusal of a condition. */
export const ACCEPTED_CONDITIONS =
  `Tessera accepts JSON-Logic (language="${JSON_LOGIC_LANGUAGE}") or a simple comparison of a field ` +
  'with a value, such as amount > 10000, $' +
  '{status == \'open\'} or = region = "north" and amount >= 10 (operators = == != <> < <= > >= ' +
  'and eq ne lt le gt ge, joined with and/or/not, && || !)';

type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'op'; readonly value: string };

const WORD_OPS: Record<string, string> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};
const COMPARISON: Record<string, string> = {
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

class NotSimple extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(-?\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(==|!=|<>|<=|>=|&&|\|\||[<>=!()]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m)
      throw new NotSimple(`'${text.slice(at).trim().slice(0, 20)}' is not a field, a value or a comparison`);
    at = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'number', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', value: m[2].replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', value: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) {
      const op = WORD_OPS[m[4]];
      tokens.push(op ? { kind: 'op', value: op } : { kind: 'name', value: m[4] });
    } else tokens.push({ kind: 'op', value: m[5]! });
  }
  return tokens;
}

/** A recursive-descent reader of the accepted grammar, straight to JSON-Logic. */
function parse(tokens: readonly Token[]): unknown {
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (value: string) => peek()?.kind === 'op' && peek()!.value === value;
  const expect = (value: string) => {
    if (!isOp(value)) throw new NotSimple(`expected '${value}'`);
    i++;
  };
  const joined = (op: '&&' | '||', next: () => unknown) => {
    const parts = [next()];
    while (isOp(op)) {
      i++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0] : { [op === '&&' ? 'and' : 'or']: parts };
  };
  const or = (): unknown => joined('||', and);
  const and = (): unknown => joined('&&', unary);
  const operand = (): unknown => {
    const token = peek();
    if (!token) throw new NotSimple('the expression ends too early');
    i++;
    switch (token.kind) {
      case 'number':
      case 'string':
        return token.value;
      case 'name':
        if (isOp('(')) throw new NotSimple(`function calls (${token.value}(…)) are not translated`);
        if (token.value === 'true') return true;
        if (token.value === 'false') return false;
        if (token.value === 'null') return null;
        return { var: token.value };
      case 'op':
        throw new NotSimple(`unexpected '${token.value}'`);
      default: {
        const never: never = token;
        throw new Error(String(never));
      }
    }
  };
  const unary = (): unknown => {
    if (isOp('!')) {
      i++;
      return { '!': [unary()] };
    }
    if (isOp('(')) {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    const left = operand();
    const op = peek()?.kind === 'op' ? COMPARISON[peek()!.value] : undefined;
    if (!op) {
      if (typeof left === 'object' && left !== null) return { '!!': [left] };
      if (typeof left === 'boolean') return left;
      throw new NotSimple('a value alone is not a condition');
    }
    i++;
    return { [op]: [left, operand()] };
  };
  const logic = or();
  if (i < tokens.length) throw new NotSimple(`unexpected '${String(tokens[i]!.value)}'`);
  return logic;
}

/** The expression language, as the message names it. */
function languageOf(declared: string | undefined, body: string): string | null {
  const l = (declared ?? '').toLowerCase();
  if (l.includes('feel')) return 'FEEL';
  if (l.includes('xpath')) return 'XPath';
  if (l.includes('juel') || l === 'el' || l.includes('javaee')) return 'JUEL';
  if (/^[$#]\{[\s\S]*\}$/.test(body)) return 'JUEL';
  if (body.startsWith('=')) return 'FEEL';
  return declared ? declared : null;
}

/** The expression inside its wrapper: `${…}` / `#{…}` (JUEL), a leading `=` (FEEL in Camunda 8). */
function unwrap(body: string): string {
  const el = /^[$#]\{([\s\S]*)\}$/.exec(body);
  if (el) return el[1]!.trim();
  if (body.startsWith('=')) return body.slice(1).trim();
  return body;
}

/** Reads a `tFormalExpression` body as JSON-Logic (see the module comment). */
export function translateCondition(body: string, declaredLanguage?: string): ConditionTranslation {
  const text = body.trim();
  if (declaredLanguage === JSON_LOGIC_LANGUAGE || text.startsWith('{')) {
    try {
      return { ok: true, logic: JSON.parse(text), language: null };
    } catch (error) {
      return {
        ok: false,
        message: `not valid JSON-Logic (${(error as Error).message}). ${ACCEPTED_CONDITIONS}`,
      };
    }
  }
  const language = languageOf(declaredLanguage, text);
  try {
    return { ok: true, logic: parse(tokenize(unwrap(text))), language };
  } catch (error) {
    if (!(error instanceof NotSimple)) throw error;
    const named = language ? ` (${language})` : '';
    return {
      ok: false,
      message: `the condition ${text}${named} is not translated: ${error.message}. ${ACCEPTED_CONDITIONS}`,
    };
  }
}
