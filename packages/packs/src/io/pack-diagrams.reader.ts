import { type BpmnDirectory, importBpmn } from '@tessera/flows';
import type { LoadedPack } from '../model/loaded-pack.js';
import type { PackError } from '../model/pack-error.js';

/** `flows/<key>.bpmn`: a flow drawn in a BPMN modeler, its key the file name. */
export const DIAGRAM = /^flows\/([a-z][a-z0-9_]{0,62})\.bpmn$/;

const MISSING_FORM = 'the diagram does not say which form';

function rolesOf(loaded: LoadedPack): BpmnDirectory['roles'] {
  const text = loaded.jsonFiles.find((f) => f.path === 'roles.json')?.text;
  try {
    const roles = (JSON.parse(text ?? '{}') as { roles?: unknown }).roles;
    return Array.isArray(roles)
      ? roles.filter((r) => typeof r?.key === 'string').map((r) => ({ key: r.key, title: r.title ?? {} }))
      : [];
  } catch {
    return []; // roles.json's own errors are reported by validation
  }
}

/**
 * Reads the pack's BPMN diagrams (`flows/<key>.bpmn`) into flow documents, so the rest of
 * validation, plan and apply see a flow like any other: the import of @tessera/flows with the
 * pack's roles as the people its candidate groups and lanes map onto. The form is the one the
 * diagram names (a Tessera export's `tessera:config`), else the pack's only form. A diagram that
 * does not import becomes its errors, each at the BPMN id of its element.
 */
export async function readPackDiagrams(
  loaded: LoadedPack,
  diagrams: readonly { readonly path: string; readonly xml: string }[],
): Promise<LoadedPack> {
  if (diagrams.length === 0) return loaded;
  const jsonFiles = [...loaded.jsonFiles];
  const errors: PackError[] = [...(loaded.diagramErrors ?? [])];
  const forms = loaded.jsonFiles.flatMap((f) => /^forms\/([^/]+)\.json$/.exec(f.path)?.[1] ?? []);
  const directory: BpmnDirectory = { roles: rolesOf(loaded) };
  for (const { path, xml } of diagrams) {
    const key = DIAGRAM.exec(path)?.[1];
    if (!key) continue;
    let imported = await importBpmn(xml, { key, directory });
    const noForm = !imported.ok && imported.errors.some((e) => e.message.startsWith(MISSING_FORM));
    if (noForm && forms.length === 1) imported = await importBpmn(xml, { key, directory, form: forms[0] });
    if (imported.ok) {
      jsonFiles.push({ path, text: `${JSON.stringify(imported.definition, null, 2)}\n` });
      continue;
    }
    for (const e of imported.errors)
      errors.push({
        code: 'invalid_definition',
        file: path,
        path: e.path,
        message: e.message.startsWith(MISSING_FORM)
          ? `${MISSING_FORM} it runs on, and the pack has ${forms.length} forms: put {"form": "<form key>"} in a <tessera:config> of the process's extensionElements (xmlns:tessera="https://tessera.dev/schema/bpmn/1")`
          : e.message,
      });
  }
  jsonFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...loaded, jsonFiles, diagramErrors: errors };
}
