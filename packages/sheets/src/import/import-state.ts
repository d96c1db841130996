import type { RecordsError } from '@tessera/forms';
import type { ColumnMapping } from '../mapping/column-mapping.planner';
import type { ImportCounts, RowProblem } from '../model/sheet-types';

export interface StateMark {
  readonly counts: ImportState['counts'];
  readonly problems: number;
  readonly problemCount: number;
}

/** What an import accumulates across chunks: counters, the keys seen so far, the problems. */
export class ImportState {
  readonly counts = {
    rowsRead: 0,
    rowsCreated: 0,
    rowsUpdated: 0,
    rowsUnchanged: 0,
    rowsSkipped: 0,
    rowsFailed: 0,
  };
  /** Key value → the first row that carried it (duplicates inside the file). */
  readonly seenKeys = new Map<string, number>();
  readonly problems: RowProblem[] = [];
  problemCount = 0;

  constructor(
    readonly mapping: ColumnMapping,
    private readonly maxProblems: number,
  ) {}

  /** A row failed with these problems (one row counts once, whatever the number of problems). */
  fail(problems: readonly RowProblem[]): void {
    this.counts.rowsFailed += 1;
    this.report(problems);
  }

  report(problems: readonly RowProblem[]): void {
    this.problemCount += problems.length;
    for (const p of problems) if (this.problems.length < this.maxProblems) this.problems.push(p);
  }

  /** The records service's refusal of a row, one problem per field error, column by the mapping. */
  refused(row: number, error: RecordsError): void {
    if (error.errors.length === 0) {
      const message = error.message.replace(/ \(item \d+\)\.$/, '.');
      this.fail([{ row, column: null, field: null, message }]);
      return;
    }
    this.fail(
      error.errors.map((e) => {
        const path = e.path.replace(/^\[\d+\]\.?/, '');
        const field = /^[^.[]+/.exec(path)?.[0] ?? null;
        const column = this.mapping.columns.find((c) => c.field.key === field)?.header ?? null;
        const message = path === field || field === null ? e.message : `${path}: ${e.message}`;
        return { row, column, field, message };
      }),
    );
  }

  /** A point to come back to when a chunk's writes are rolled back and redone. */
  mark(): StateMark {
    return { counts: { ...this.counts }, problems: this.problems.length, problemCount: this.problemCount };
  }

  restore(mark: StateMark): void {
    Object.assign(this.counts, mark.counts);
    this.problems.length = mark.problems;
    this.problemCount = mark.problemCount;
  }

  snapshot(): ImportCounts & { rowsUnchanged: number } {
    return { ...this.counts };
  }
}
