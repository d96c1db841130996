import type { PackError } from './pack-error.js';

/** A pack folder as read from disk, before any parsing or validation. */
export interface LoadedPack {
  /** The folder it was read from (for messages only; validation never touches the disk). */
  readonly dir: string;
  /** Every `.json` file, by relative `/`-separated path, with its text. */
  readonly jsonFiles: readonly { readonly path: string; readonly text: string }[];
  /** Every other file (data/*.csv, README…), by relative path; not read. */
  readonly otherFiles: readonly string[];
  /** The bytes of the images under prints/assets/ (also listed in `otherFiles`), by relative path. */
  readonly assetFiles?: readonly { readonly path: string; readonly bytes: Buffer }[];
  /** Why a BPMN diagram (`flows/<key>.bpmn`, read into `jsonFiles` as its flow) did not import. */
  readonly diagramErrors?: readonly PackError[];
}

/** Files whose bytes a loader reads besides the JSON: the print images (logos, stamps). */
export const isAssetPath = (path: string) => path.startsWith('prints/assets/');
