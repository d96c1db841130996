import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isAssetPath, type LoadedPack } from '../model/loaded-pack.js';
import { DIAGRAM, readPackDiagrams } from './pack-diagrams.reader.js';

/** Folders never part of a pack (version control, editors, dependencies). */
const SKIPPED = new Set(['node_modules']);

/**
 * Reads a pack folder: the text of every `.json` file, the bytes of its print images
 * (prints/assets/), BPMN diagrams (flows/<key>.bpmn) read into flows, the names of all other files. Hidden
 * files and folders (`.git`, `.vscode`…) are skipped. Paths are relative and `/`-separated,
 * sorted. No validation here — see validatePack.
 */
export async function loadPackFolder(dir: string): Promise<LoadedPack> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const jsonFiles: { path: string; text: string }[] = [];
  const otherFiles: string[] = [];
  const assetFiles: { path: string; bytes: Buffer }[] = [];
  const diagrams: { path: string; xml: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(dir, absolute).split(sep).join('/');
    const segments = path.split('/');
    if (segments.some((s) => s.startsWith('.') || SKIPPED.has(s))) continue;
    if (entry.name.endsWith('.json')) jsonFiles.push({ path, text: await readFile(absolute, 'utf8') });
    else if (DIAGRAM.test(path)) diagrams.push({ path, xml: await readFile(absolute, 'utf8') });
    else otherFiles.push(path);
    if (isAssetPath(path)) assetFiles.push({ path, bytes: await readFile(absolute) });
  }
  jsonFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  otherFiles.sort();
  assetFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // flows/<key>.bpmn: read into its flow document (or its errors)
  return readPackDiagrams({ dir, jsonFiles, otherFiles, assetFiles }, diagrams);
}
