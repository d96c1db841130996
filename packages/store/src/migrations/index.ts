import type { Migration } from 'kysely';
import * as storeCore from './0001-store-core';
import * as authIdentity from './0002-auth-identity';
import * as queueTaskId from './0003-queue-task-id';
import * as formsMetadata from './0100-forms-metadata';
import * as formsSequences from './0110-forms-sequences';
import * as formsRecordHistory from './0111-forms-record-history';
import * as formsFiles from './0112-forms-files';
import * as formsNumberOffsets from './0113-forms-number-offsets';
import * as formsPublishedStamp from './0114-forms-published-stamp';
import * as formsSavedViews from './0120-forms-saved-views';
import * as flowsOrgModel from './0200-flows-org-model';
import * as flowsInstances from './0201-flows-instances';
import * as flowsStartKeys from './0202-flows-start-keys';
import * as rulesEngine from './0300-rules-engine';
import * as messageOutbox from './0310-message-outbox';
import * as messagingUserIds from './0311-messaging-user-ids';
import * as reportsDefinitions from './0400-reports-definitions';
import * as accessAuditIndexes from './0550-access-audit-indexes';
import * as packsInstalled from './0600-packs-installed';
import * as sheetImports from './0650-imports';
import * as sheetImportOwners from './0651-import-owners';
import * as printTemplates from './0700-print-templates';
import * as printAssetsInFileStorage from './0701-print-assets-in-file-storage';
import * as printTemplateDrafts from './0702-print-template-drafts';
import * as recordHistoryFormCheck from './0710-record-history-form-check';

/**
 * Every system migration, in order. Names sort by their number; each engine has its own range
 * (0001 store/auth, 0100 forms, 0200 flows, 0300 rules, 0400 reports, 0500 access, 0600 packs, 0700 print).
 */
export const systemMigrations: Readonly<Record<string, Migration>> = {
  '0001-store-core': storeCore,
  '0002-auth-identity': authIdentity,
  '0003-queue-task-id': queueTaskId,
  '0100-forms-metadata': formsMetadata,
  '0110-forms-sequences': formsSequences,
  '0111-forms-record-history': formsRecordHistory,
  '0112-forms-files': formsFiles,
  '0113-forms-number-offsets': formsNumberOffsets,
  '0114-forms-published-stamp': formsPublishedStamp,
  '0120-forms-saved-views': formsSavedViews,
  '0200-flows-org-model': flowsOrgModel,
  '0201-flows-instances': flowsInstances,
  '0202-flows-start-keys': flowsStartKeys,
  '0300-rules-engine': rulesEngine,
  '0310-message-outbox': messageOutbox,
  '0311-messaging-user-ids': messagingUserIds,
  '0400-reports-definitions': reportsDefinitions,
  '0550-access-audit-indexes': accessAuditIndexes,
  '0600-packs-installed': packsInstalled,
  '0650-imports': sheetImports,
  '0651-import-owners': sheetImportOwners,
  '0700-print-templates': printTemplates,
  '0701-print-assets-in-file-storage': printAssetsInFileStorage,
  '0702-print-template-drafts': printTemplateDrafts,
  '0710-record-history-form-check': recordHistoryFormCheck,
};
