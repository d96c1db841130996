/**
 * `COPY … FROM STDIN` for the PGlite wire server. PGlite runs one protocol message at a time and
 * cannot wait for CopyData, so the server answers the query itself (CopyInResponse), collects the
 * client's CopyData and has PGlite load it with `COPY … FROM '/dev/blob'` — in segments of about
 * SEGMENT_BYTES cut at record boundaries, so a 1M-row file never sits in memory whole. Segments
 * of one COPY run in one transaction (the caller's, or one opened for it), so it stays all or
 * nothing. A statement with options the cutter cannot follow (HEADER, another QUOTE or ESCAPE,
 * binary) is loaded as one segment.
 */

export const SEGMENT_BYTES = 4 << 20;

const COPY_FROM_STDIN = /^\s*copy\s[\s\S]*?\bfrom\s+stdin\b/i;

/** Whether a simple query's text is a `COPY … FROM STDIN`. */
export function isCopyFromStdin(text: string): boolean {
  return COPY_FROM_STDIN.test(text);
}

/** One COPY in progress: its statement for PGlite, and the data not yet loaded. */
export class CopyIn {
  /** The statement PGlite runs on each segment. */
  readonly statement: string;
  private readonly csv: boolean;
  private readonly cuttable: boolean;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Scanner state over the bytes received so far (quotes open, previous byte a backslash). */
  private inQuotes = false;
  private escaped = false;
  /** Where the last record ended in the buffered bytes (a cut may go there), -1: none yet. */
  private lastBoundary = -1;
  /** Set by the first refusal: the rest of the data is read and dropped. */
  failed = false;
  error: { code: string; message: string } | null = null;
  rows = 0;
  /** Whether this COPY opened the transaction its segments run in. */
  ownTransaction = false;
  segments = 0;

  constructor(text: string) {
    this.statement = text.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'").replace(/;\s*$/, '');
    const options = text.slice(text.search(/\bfrom\s+stdin\b/i));
    this.csv = /\bcsv\b/i.test(options);
    this.cuttable = !/\b(header|quote|escape|binary)\b/i.test(options);
  }

  /** Takes a CopyData payload; returns a segment to load when enough whole records are buffered. */
  push(data: Buffer): Buffer | null {
    if (this.failed) return null;
    if (this.cuttable) this.scan(data, this.size);
    this.chunks.push(data);
    this.size += data.length;
    if (!this.cuttable || this.size < SEGMENT_BYTES || this.lastBoundary < 0) return null;
    const all = Buffer.concat(this.chunks);
    const segment = all.subarray(0, this.lastBoundary + 1);
    const rest = all.subarray(this.lastBoundary + 1);
    this.chunks = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    this.lastBoundary = -1;
    return segment;
  }

  /** What is left to load after CopyDone. */
  finish(): Buffer {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    return all;
  }

  /** Records end at a new line outside quotes (CSV: `""` toggles twice) or not escaped (text). */
  private scan(data: Buffer, offset: number): void {
    for (let i = 0; i < data.length; i++) {
      const byte = data[i]!;
      if (this.csv) {
        if (byte === 0x22) this.inQuotes = !this.inQuotes;
        else if (byte === 0x0a && !this.inQuotes) this.lastBoundary = offset + i;
      } else {
        if (byte === 0x0a && !this.escaped) this.lastBoundary = offset + i;
        this.escaped = byte === 0x5c && !this.escaped;
      }
    }
  }
}

/** CopyInResponse ('G'): text format, no per-column formats (pg-copy-streams needs no more). */
export function copyInResponse(): Buffer {
  return Buffer.from([0x47, 0, 0, 0, 7, 0, 0, 0]);
}

/** CommandComplete ('C') with its tag. */
export function commandComplete(tag: string): Buffer {
  const text = Buffer.from(`${tag}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head.write('C', 0);
  head.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([head, text]);
}
