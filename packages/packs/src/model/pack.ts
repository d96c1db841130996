import type {
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  PackManifest,
  PrintTemplateDefinition,
  ReportDefinition,
  RolesDefinition,
  RuleDefinition,
} from '@tessera/schema';

/** One document of a pack with the file it came from. */
export interface PackDocument<T> {
  readonly file: string;
  readonly value: T;
}

/** A validated pack: every document typed, every reference resolved. */
export interface Pack {
  readonly manifest: PackManifest;
  readonly forms: readonly PackDocument<FormDefinition>[];
  readonly flows: readonly PackDocument<FlowDefinition>[];
  readonly rules: readonly PackDocument<RuleDefinition>[];
  readonly reports: readonly PackDocument<ReportDefinition>[];
  readonly dashboards: readonly PackDocument<DashboardDefinition>[];
  readonly prints: readonly PackDocument<PrintTemplateDefinition>[];
  readonly roles: PackDocument<RolesDefinition> | undefined;
  /** data/*.csv files (relative paths), listed, not parsed. */
  readonly dataFiles: readonly string[];
  /** The print images of prints/assets/, checked to be the PNG or JPEG their name says. */
  readonly assets: readonly PackAsset[];
}

/** A print image of the pack (a logo, a stamp), as its templates name it: `"asset": "logo.png"`. */
export interface PackAsset {
  readonly file: string;
  readonly name: string;
  readonly contentType: 'image/png' | 'image/jpeg';
  readonly bytes: Buffer;
  readonly sha256: string;
}
