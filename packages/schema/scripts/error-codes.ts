import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A string literal that looks like an error code (snake case of either casing, or one capital word). */
const CODE_SHAPE = /^(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Z]{4,})$/;

/** Built-in classes whose first argument is a message, never a code. */
const NOT_CODED = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'AggregateError']);

export interface CodeSite {
  readonly code: string;
  readonly file: string;
  readonly line: number;
}

export interface ErrorCodeScan {
  /** Literal codes given to a coded error's constructor (`new FlowError('TASK_NOT_OPEN', …)`). */
  readonly thrown: readonly CodeSite[];
  /** Every code-shaped string literal in an expression (not a type): what the source can send. */
  readonly mentioned: ReadonlySet<string>;
}

function walk(dir: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__tests__') walk(path, out);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
}

/** The engines' and the server's sources (tests and the catalogue itself excluded). */
function sourceFiles(root: string): string[] {
  const roots = [
    ...readdirSync(join(root, 'packages'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, 'packages', d.name, 'src')),
    join(root, 'apps', 'server', 'src'),
  ];
  const out: string[] = [];
  for (const dir of roots) walk(dir, out);
  const catalogue = join('packages', 'schema', 'src', 'errors');
  return out.filter((path) => !path.includes(catalogue));
}

/** The literal codes an argument can evaluate to: a string, or either branch of `a ? 'X' : 'Y'`. */
function literalCodes(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return CODE_SHAPE.test(node.text) ? [node.text] : [];
  if (ts.isConditionalExpression(node))
    return [...literalCodes(node.whenTrue), ...literalCodes(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return literalCodes(node.expression);
  return [];
}

function isCodedClass(expression: ts.Expression): boolean {
  if (!ts.isIdentifier(expression)) return false;
  const name = expression.text;
  return (name.endsWith('Error') || name === 'StepRefusal') && !NOT_CODED.has(name);
}

/** Parses (without type-checking) every source file for the codes it throws and mentions. */
export function scanErrorCodes(root: string): ErrorCodeScan {
  const thrown: CodeSite[] = [];
  const mentioned = new Set<string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
        CODE_SHAPE.test(node.text)
      ) {
        if (!ts.isLiteralTypeNode(node.parent)) mentioned.add(node.text);
      }
      if (ts.isNewExpression(node) && isCodedClass(node.expression) && node.arguments?.[0]) {
        for (const code of literalCodes(node.arguments[0])) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          thrown.push({ code, file: relative(root, file), line: line + 1 });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { thrown, mentioned };
}
