import type { Assignee } from '@tessera/schema';
import type { ModdleElement } from './moddle-types';

/**
 * The people of the app, for the names a diagram uses (Camunda's assignee, candidate users and
 * groups, lane names) to map onto: the server reads them from the org directory.
 */
export interface BpmnDirectory {
  readonly users?: readonly { readonly username: string; readonly displayName?: string }[];
  readonly roles?: readonly { readonly key: string; readonly title?: Readonly<Record<string, string>> }[];
  readonly departments?: readonly { readonly code: string; readonly name?: string }[];
  /** The form's fields that hold a user or department: an expression `${owner}` names one. */
  readonly fields?: readonly string[];
}

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
export const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/** Who a task goes to as Camunda writes it: 7 as attributes, 8 as `zeebe:assignmentDefinition`. */
export interface CamundaAssignment {
  readonly assignee?: string;
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
}

/** What reading the people of a diagram needs. */
export interface PeopleContext {
  readonly directory: BpmnDirectory;
  /** The diagram's prefixes of the Camunda 7 and Zeebe namespaces. */
  readonly camunda: string;
  readonly zeebe: string;
  /** Variables that hold the initiator (`initiator`, and the start event's `camunda:initiator`). */
  readonly initiatorVariables: ReadonlySet<string>;
  /** The lane each flow node is drawn in (the innermost one). */
  readonly lanes: ReadonlyMap<string, string>;
}

/** A comma list as Camunda writes it, or a FEEL list (`=["a", "b"]`) as Zeebe may. */
function list(value: unknown): string[] {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return [];
  const feel = /^=\s*\[(.*)\]$/s.exec(text);
  if (feel) return [...feel[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.trim()).filter(Boolean);
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function prefixOf(definitions: ModdleElement, uri: string, fallback: string): string {
  const attrs = (definitions.$attrs ?? {}) as Record<string, string>;
  const declared = Object.entries(attrs).find(([name, value]) => name.startsWith('xmlns:') && value === uri);
  return declared ? declared[0].slice('xmlns:'.length) : fallback;
}

function lanesOf(process: ModdleElement): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (sets: readonly ModdleElement[]) => {
    for (const lane of sets.flatMap((s) => (s.lanes ?? []) as ModdleElement[])) {
      const name = (lane.name as string | undefined)?.trim();
      for (const node of (lane.flowNodeRef ?? []) as ModdleElement[])
        if (name && node.id) out.set(node.id, name);
      // nested lanes are drawn inside: the innermost name wins
      if (lane.childLaneSet) visit([lane.childLaneSet]);
    }
  };
  visit((process.laneSets ?? []) as ModdleElement[]);
  return out;
}

export function peopleContext(
  definitions: ModdleElement,
  process: ModdleElement,
  directory: BpmnDirectory = {},
): PeopleContext {
  const camunda = prefixOf(definitions, CAMUNDA_NS, 'camunda');
  const initiatorVariables = new Set(['initiator']);
  for (const element of (process.flowElements ?? []) as ModdleElement[]) {
    const variable = element.$attrs?.[`${camunda}:initiator`];
    if (element.$type === 'bpmn:StartEvent' && typeof variable === 'string' && variable.trim())
      initiatorVariables.add(variable.trim());
  }
  return {
    directory,
    camunda,
    zeebe: prefixOf(definitions, ZEEBE_NS, 'zeebe'),
    initiatorVariables,
    lanes: lanesOf(process),
  };
}

/** The task's own assignment in Camunda 7 or 8 form, or undefined when it names nobody. */
export function readAssignment(element: ModdleElement, people: PeopleContext): CamundaAssignment | undefined {
  const attrs = (element.$attrs ?? {}) as Record<string, unknown>;
  const zeebe = ((element.extensionElements?.values ?? []) as ModdleElement[]).find(
    (v) => v.$type === `${people.zeebe}:assignmentDefinition`,
  );
  const read = (name: string) => attrs[`${people.camunda}:${name}`] ?? zeebe?.[name];
  const assignee = list(read('assignee'))[0];
  const assignment = {
    ...(assignee ? { assignee } : {}),
    candidateUsers: list(read('candidateUsers')),
    candidateGroups: list(read('candidateGroups')),
  };
  const empty = !assignee && assignment.candidateUsers.length + assignment.candidateGroups.length === 0;
  return empty ? undefined : assignment;
}

const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();

/** `${x}`, `#{x}` (JUEL) or `= x` (FEEL): the variable x; a literal name otherwise. */
function variableOf(text: string): string | undefined {
  const m = /^(?:[$#]\{\s*([A-Za-z_][\w.]*)\s*\}|=\s*([A-Za-z_][\w.]*))$/.exec(text.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}

function fromVariable(variable: string, people: PeopleContext): Assignee | undefined {
  if (people.initiatorVariables.has(variable)) return { kind: 'initiator' };
  if (people.directory.fields?.includes(variable)) return { kind: 'field', field: variable };
  return undefined;
}

function asUser(name: string, people: PeopleContext): Assignee | undefined {
  const user = (people.directory.users ?? []).find(
    (u) => same(name, u.username) || same(name, u.displayName),
  );
  return user ? { kind: 'user', user: user.username } : undefined;
}

/** A group's name: a role (its key or title in any language), else a department (code or name). */
export function asGroup(name: string, people: PeopleContext): Assignee | undefined {
  const role = (people.directory.roles ?? []).find(
    (r) => same(name, r.key) || Object.values(r.title ?? {}).some((t) => same(name, t)),
  );
  if (role) return { kind: 'role', role: role.key };
  const department = (people.directory.departments ?? []).find(
    (d) => same(name, d.code) || same(name, d.name),
  );
  return department ? { kind: 'department', department: department.code } : undefined;
}

export interface MappedPeople {
  readonly assignees: readonly Assignee[];
  /** What matched nobody of the app, as the diagram wrote it: "'board' (candidate group)". */
  readonly unmapped: readonly string[];
}

/** A Camunda assignment as Tessera assignees, and what in it did not map. */
export function mapAssignment(assignment: CamundaAssignment, people: PeopleContext): MappedPeople {
  const assignees: Assignee[] = [];
  const unmapped: string[] = [];
  const add = (text: string, what: string, literal: (name: string) => Assignee | undefined) => {
    const variable = variableOf(text);
    const found = variable ? fromVariable(variable, people) : literal(text);
    if (!found) unmapped.push(`'${text}' (${what})`);
    else if (!assignees.some((a) => JSON.stringify(a) === JSON.stringify(found))) assignees.push(found);
  };
  if (assignment.assignee) add(assignment.assignee, 'assignee', (n) => asUser(n, people));
  for (const user of assignment.candidateUsers) add(user, 'candidate user', (n) => asUser(n, people));
  for (const group of assignment.candidateGroups) add(group, 'candidate group', (n) => asGroup(n, people));
  return { assignees, unmapped };
}

/**
 * Tessera assignees as Camunda 7 writes them, so a modeler shows who does a task: the initiator
 * or a field as the `assignee` expression, users as candidate users, roles and departments as
 * candidate groups. A manager has no Camunda form and stays in Tessera's settings only.
 */
export function assignmentOf(assignees: readonly Assignee[]): CamundaAssignment {
  let assignee: string | undefined;
  const candidateUsers: string[] = [];
  const candidateGroups: string[] = [];
  for (const a of assignees) {
    const expression =
      a.kind === 'initiator' ? `$` + '{initiator}' : a.kind === 'field' ? `$` + `{${a.field}}` : undefined;
    if (expression && assignee === undefined) assignee = expression;
    else if (expression) candidateUsers.push(expression);
    if (a.kind === 'user') candidateUsers.push(a.user);
    if (a.kind === 'role') candidateGroups.push(a.role);
    if (a.kind === 'department') candidateGroups.push(a.department);
  }
  return { ...(assignee ? { assignee } : {}), candidateUsers, candidateGroups };
}

export function sameAssignment(a: CamundaAssignment, b: CamundaAssignment): boolean {
  const text = (x: CamundaAssignment) =>
    JSON.stringify([x.assignee ?? '', x.candidateUsers.join(','), x.candidateGroups.join(',')]);
  return text(a) === text(b);
}
