import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { FIELD_TYPES } from '../src/form/field-type.schema';

/** A `switch` over field types found outside the registry. */
export interface FieldTypeSwitch {
  readonly file: string;
  readonly line: number;
  readonly cases: readonly string[];
}

const FIELD_TYPE_NAMES: ReadonlySet<string> = new Set(FIELD_TYPES);

/** The .ts/.tsx files under `dir`, not descending into node_modules or __tests__ (bench/ has its own node_modules). */
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
    } else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
}

/** Source files of the engines, the server, the web app and the benches (tests and the registry excluded). */
function sourceFiles(root: string): string[] {
  const roots = ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, top, d.name, 'src')),
  );
  roots.push(join(root, 'bench'));
  const out: string[] = [];
  for (const dir of roots) walk(dir, out);
  const registry = join('packages', 'schema', 'src', 'field-types');
  return out.filter((path) => !path.includes(registry));
}

function hasCandidateSwitch(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('switch')) return false;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isSwitchStatement(node)) {
      const labels = node.caseBlock.clauses.flatMap((c) =>
        ts.isCaseClause(c) && ts.isStringLiteral(c.expression) ? [c.expression.text] : [],
      );
      if (labels.length >= 2 && labels.every((l) => FIELD_TYPE_NAMES.has(l))) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every `switch` whose subject's type is a union of field-type names (`field.type`, a formula's
 * `resultType`, …) outside `packages/schema/src/field-types`: behaviour per field type belongs in
 * the registry, or in an engine's own `Record<FieldType, …>` table (which the compiler checks for
 * completeness, as a switch with a `default` branch does not). Type-based, so a switch over
 * another union that shares a name (an assignee `kind: 'user' | 'role' | …`) is not mistaken for one.
 */
export function fieldTypeSwitches(root: string): FieldTypeSwitch[] {
  // Cheap first pass: parse only, keep the files with a switch whose case labels are all
  // field-type names; only those (and what they import) are type-checked.
  const files = sourceFiles(root).filter(hasCandidateSwitch);
  if (files.length === 0) return [];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    types: [],
  });
  const checker = program.getTypeChecker();
  const found: FieldTypeSwitch[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isSwitchStatement(node)) {
        const type = checker.getTypeAtLocation(node.expression);
        const members = type.isUnion() ? type.types : [type];
        const names = members.map((t) => (t.isStringLiteral() ? t.value : null));
        if (names.length >= 2 && names.every((n) => n !== null && FIELD_TYPE_NAMES.has(n))) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push({ file: relative(root, file), line: line + 1, cases: names as string[] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
