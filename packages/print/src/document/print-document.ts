/**
 * A template filled with one record's values: every text final, except the page numbers of
 * headers and footers (`{$page}` / `{$pages}`), which only the layout knows. Pure data.
 */
export type Align = 'left' | 'center' | 'right';

/** A band text: literal pieces and page numbers, joined per page by the layout. */
export type BandText = readonly (string | { readonly page: 'page' | 'pages' })[];

export type DocBandItem =
  | { readonly kind: 'text'; readonly text: BandText; readonly size?: number; readonly bold: boolean }
  | { readonly kind: 'image'; readonly asset: string; readonly width: number; readonly height?: number }
  | {
      readonly kind: 'barcode';
      readonly symbology: 'qrcode' | 'code128';
      readonly value: string;
      readonly width: number;
      readonly height: number;
    };

export interface DocBand {
  readonly height?: number;
  readonly divider: boolean;
  readonly left: readonly DocBandItem[];
  readonly center: readonly DocBandItem[];
  readonly right: readonly DocBandItem[];
}

export interface DocColumn {
  readonly label: string;
  readonly width: number;
  readonly align: Align;
}

export type DocBlock =
  | { readonly kind: 'title'; readonly text: string; readonly size: number; readonly align: Align }
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly size?: number;
      readonly bold: boolean;
      readonly align: Align;
    }
  | {
      readonly kind: 'fields';
      readonly columns: number;
      readonly border: boolean;
      readonly items: readonly { readonly label: string; readonly value: string; readonly span: number }[];
    }
  | {
      readonly kind: 'table';
      readonly columns: readonly DocColumn[];
      readonly rows: readonly (readonly string[])[];
      /** Under the rows: the label, then one text per column ('' where no total). */
      readonly totals: { readonly label: string; readonly values: readonly string[] } | null;
      /** Rows that end and open a page the table runs over (only with totals). */
      readonly perPage: PageTotals | null;
      readonly empty: string;
    }
  | {
      readonly kind: 'amount';
      readonly label: string;
      readonly capitals: string | null;
      readonly figures: string | null;
      readonly words: { readonly capitals: string; readonly figures: string };
    }
  | {
      readonly kind: 'signatures';
      readonly items: readonly { readonly label: string; readonly value: string }[];
    }
  | {
      readonly kind: 'image';
      readonly asset: string;
      readonly width: number;
      readonly height?: number;
      readonly align: Align;
      readonly overlay: boolean;
    }
  | {
      readonly kind: 'barcode';
      readonly symbology: 'qrcode' | 'code128';
      readonly value: string;
      readonly width: number;
      readonly height: number;
      readonly align: Align;
    }
  | { readonly kind: 'spacer'; readonly height: number };

export interface PrintDocument {
  /** For the PDF's metadata: the template's title and the record's title. */
  readonly title: string;
  readonly page: {
    /** Points. */
    readonly width: number;
    readonly height: number;
    /** Millimetres: top, right, bottom, left. */
    readonly margins: readonly [number, number, number, number];
  };
  readonly fontSize: number;
  readonly header: DocBand | null;
  readonly footer: DocBand | null;
  readonly body: readonly DocBlock[];
}

/**
 * A table's per-page totals: `subtotal` ends each page with the sums of its own rows (and the
 * last page before the grand total); `carry` ends a page with the sums so far and opens the
 * next with them. `sums(first, last)` gives the texts of the totals row over rows first..last
 * (pure; the page breaks are known only to the layout).
 */
export interface PageTotals {
  readonly mode: 'subtotal' | 'carry';
  readonly labels: { readonly subtotal: string; readonly carried: string; readonly brought: string };
  readonly sums: (first: number, last: number) => readonly string[];
}
