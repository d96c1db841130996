import type { LabelLanguage } from '../common/label.js';
import type { ErrorCategory } from './error-category.js';

/** One code of the catalogue: its category (so its status), its user message and when it happens. */
export interface ErrorEntry {
  readonly category: ErrorCategory;
  /** The same for every occurrence (the problem's `title`); the occurrence's specifics go in `detail`. */
  readonly message: Readonly<Record<LabelLanguage, string>>;
  /** When it happens, for docs/errors.md. */
  readonly when: string;
}

/** A part of the catalogue: the codes one engine (or the HTTP layer) throws. */
export interface ErrorSection {
  readonly title: string;
  readonly entries: Readonly<Record<string, ErrorEntry>>;
}
