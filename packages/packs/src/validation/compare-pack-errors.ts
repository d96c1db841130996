import { comparePaths } from '@tessera/schema';
import type { PackError } from '../model/pack-error.js';

/** pack.json first, then roles.json, then the folders in layout order; within a file, document order (by line). */
const FILE_ORDER = [
  'pack.json',
  'roles.json',
  'forms/',
  'flows/',
  'rules/',
  'reports/',
  'dashboards/',
  'data/',
];

function rank(file: string): number {
  const folder = file.includes('/') ? `${file.split('/')[0]}/` : file;
  const i = FILE_ORDER.indexOf(folder);
  return i < 0 ? FILE_ORDER.length : i;
}

export function comparePackErrors(a: PackError, b: PackError): number {
  return (
    rank(a.file) - rank(b.file) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    comparePaths(a.path, b.path)
  );
}
