// The one table every side of a call is derived from: the preload bridge, the ipcMain
// registration, the browser host's routes, the service handlers and the renderer's client.
// A method is `noun.verb`; its input schema is what the main process parses before acting.
import { z } from 'zod';
import { deviceProfile, deviceSetupInput, deviceStatus } from '../domain/device';
import { dialogResult, saveFileInput } from '../domain/dialogs';
import { historyInput, historyResult } from '../domain/history';
import { importCommitInput, importCommitResult, importPreview, importPreviewInput, importTemplateInput, importTemplateResult } from '../domain/imports';
import {
  districtDashboard, districtDashboardInput, townshipDashboard, townshipDashboardInput, villageDashboard, villageDashboardInput,
} from '../domain/dashboard';
import { reportPdfInput, reportPdfResult, reportPrintResult } from '../domain/reportPrint';
import { archiveExportInput, archiveExportResult } from '../domain/archive';
import { recentExports, reportExportInput, reportJob, reportJobInput, reportPreview, reportPreviewInput, reportRequest } from '../domain/reports';
import { rowId, V } from '../domain/validation';
import { settingsPatch, settingsView } from '../domain/settings';
import { projectMoneyInput, projectMoneyList } from '../domain/ledgers/projectMoney';
import {
  conflictList, deviceList, exportFileInput, exportResult, importFilesInput, importResult, resolveInput, resolveResult,
  syncNowInput, syncNowResult, trustInput, revokeInput, deviceView,
} from '../domain/sync';
import { syncRunInput, syncRunResult, syncStatusList, syncTargetIdInput, syncTargetList, syncTargetSaveInput, syncTargetView } from '../domain/sync';
import { setPassphraseInput, syncEncryptionView, trustResult } from '../domain/sync';
import { conflictCount } from '../domain/conflictCount';
import { backupExportInput, backupExportResult, backupItem, backupList, backupRestoreInput, backupRestoreResult } from '../domain/backups';
import { village, villageInput, villageMoveDecision, villageMoveList, villageMoveResult, villageUpdate } from '../domain/village';
import {
  attachmentAddInput, attachmentAddResult, attachmentContent, attachmentContentInput, attachmentIdInput, attachmentList, attachmentListInput,
  attachmentUpdateInput, attachmentView,
} from '../domain/attachments';
import { galleryInput, galleryPage } from '../domain/attachmentsGallery';
import { LEDGER_DEFINITIONS } from '../domain/ledgers/index';
import { candidateStatusInput, candidateStatusList, villageTargetList } from '../domain/party/targets';
import { allCrudEntries } from './ledgerContract';
import { API_CHANNEL_PREFIX, API_METHODS, channelOf, isApiMethod, type ApiMethod } from './methods';

const noInput = z.strictObject({}).optional().default({});

export const appInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  databaseFile: z.string(),
  /** Native open/save dialogs exist (the desktop app); otherwise the renderer asks for a typed path. */
  nativeDialogs: z.boolean(),
  /**
   * How far (ms) this computer's clock runs behind the latest time its ledger has recorded; 0
   * when it does not. A clock set back (a flat CMOS battery) would date new records wrongly.
   */
  clockBehindMs: z.number().int().nonnegative(),
});

export const villageList = z.object({ items: z.array(village), total: z.number().int() });

export const contract = {
  'app.info': { input: noInput, output: appInfo },
  // The interface language, so the native menu speaks it too.
  'app.setLanguage': {
    input: z.strictObject({ language: z.enum(['zh-CN', 'en'], { error: (issue) => (issue.input === undefined ? V.required : V.invalid) }) }),
    output: z.object({ nativeMenu: z.boolean() }),
  },

  'device.status': { input: noInput, output: deviceStatus },
  'device.setup': { input: deviceSetupInput, output: deviceProfile },

  'villages.list': {
    input: z
      .strictObject({ search: z.string({ error: V.invalid }).trim().max(40, { error: V.tooLong }).optional() })
      .optional()
      .default({}),
    output: villageList,
  },
  'villages.get': { input: z.strictObject({ id: rowId }), output: village },
  'villages.create': { input: villageInput, output: village },
  'villages.update': { input: villageUpdate, output: village },
  'villages.delete': { input: z.strictObject({ id: rowId }), output: z.object({ id: rowId }) },
  'villages.moves': { input: noInput, output: villageMoveList },
  'villages.decideMove': { input: villageMoveDecision, output: villageMoveResult },

  'demo.load': { input: noInput, output: deviceProfile },

  // Figures computed by SQL in the main process; the renderer never loads ledgers to count them.
  'dashboard.village': { input: villageDashboardInput, output: villageDashboard },
  'dashboard.township': { input: townshipDashboardInput, output: townshipDashboard },
  'dashboard.district': { input: districtDashboardInput, output: districtDashboard },

  // Reports from the same figures: a preview, an export job (XLSX/CSV, in slices, stoppable), recent files.
  'reports.preview': { input: reportPreviewInput, output: reportPreview },
  'reports.export': { input: reportExportInput, output: reportJob },
  'reports.job': { input: reportJobInput, output: reportJob },
  'reports.cancel': { input: reportJobInput, output: reportJob },
  'reports.recent': { input: noInput, output: recentExports },
  // The print page through the desktop shell's hidden window: a PDF at the chosen path, or the print dialog.
  'reports.pdf': { input: reportPdfInput, output: reportPdfResult },
  'reports.print': { input: reportRequest, output: reportPrintResult },

  'settings.get': { input: noInput, output: settingsView },
  'settings.update': { input: settingsPatch, output: settingsView },
  'money.list': { input: projectMoneyInput, output: projectMoneyList },
  // Each village's three-year target of member development (shared/domain/party/targets.ts).
  'party.targets': { input: noInput, output: villageTargetList },
  'party.status': { input: candidateStatusInput, output: candidateStatusList },

  'sync.exportFile': { input: exportFileInput, output: exportResult },
  'sync.importFiles': { input: importFilesInput, output: importResult },
  'sync.now': { input: syncNowInput, output: syncNowResult },
  'sync.run': { input: syncRunInput, output: syncRunResult },
  'sync.status': { input: noInput, output: syncStatusList },
  'sync.online': { input: noInput, output: syncStatusList },
  'sync.targets': { input: noInput, output: syncTargetList },
  'sync.saveTarget': { input: syncTargetSaveInput, output: syncTargetView },
  'sync.deleteTarget': { input: syncTargetIdInput, output: z.object({ id: z.string() }) },
  'sync.setPassphrase': { input: setPassphraseInput, output: syncEncryptionView },
  'sync.encryption': { input: noInput, output: syncEncryptionView },
  'devices.list': { input: noInput, output: deviceList },
  'devices.trust': { input: trustInput, output: trustResult },
  'devices.revoke': { input: revokeInput, output: deviceView },
  // Every change of one record: who, when, which device, before and after (db/history.ts).
  'records.history': { input: historyInput, output: historyResult },
  'conflicts.list': { input: noInput, output: conflictList },
  'conflicts.count': { input: noInput, output: conflictCount },
  'conflicts.resolve': { input: resolveInput, output: resolveResult },
  // Snapshots of the database in the data folder; restoring one reopens the app on it (shared/domain/backups.ts).
  'backups.list': { input: noInput, output: backupList },
  'backups.create': { input: noInput, output: backupItem },
  'backups.restore': { input: backupRestoreInput, output: backupRestoreResult },
  'backups.exportTo': { input: backupExportInput, output: backupExportResult },

  'dialogs.openBundles': { input: noInput, output: dialogResult },
  'dialogs.saveFile': { input: saveFileInput, output: dialogResult },
  'dialogs.chooseFolder': { input: noInput, output: dialogResult },

  // A ledger from a spreadsheet: a checked preview (nothing stored), the import in one transaction, a template.
  'imports.preview': { input: importPreviewInput, output: importPreview },
  'imports.commit': { input: importCommitInput, output: importCommitResult },
  'imports.template': { input: importTemplateInput, output: importTemplateResult },
  // Photos and scans on records (shared/domain/attachments.ts); files by hash only, never by path.
  'attachments.add': { input: attachmentAddInput, output: attachmentAddResult },
  'attachments.list': { input: attachmentListInput, output: attachmentList },
  'attachments.update': { input: attachmentUpdateInput, output: attachmentView },
  'attachments.remove': { input: attachmentIdInput, output: z.object({ id: rowId }) },
  'attachments.content': { input: attachmentContentInput, output: attachmentContent },
  // 照片档案: a village's photos and scans by ledger and month, a page at a time (shared/domain/attachmentsGallery.ts).
  'attachments.gallery': { input: galleryInput, output: galleryPage },
  // 照片档案: a village's files as a new folder per ledger with an index (shared/domain/archive.ts).
  'attachments.archive': { input: archiveExportInput, output: archiveExportResult },

  // Each ledger's list, get, create, update and delete, from its definition.
  ...allCrudEntries(LEDGER_DEFINITIONS),
} as const satisfies Record<ApiMethod, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export { API_CHANNEL_PREFIX, API_METHODS, channelOf, isApiMethod, type ApiMethod };
