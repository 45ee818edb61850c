// reports.*: a preview of any report for the screen and the print page; an export to XLSX or CSV
// as a job that runs in slices (progress, Stop); the recent exports. Scope is resolved as the
// dashboards resolve it; a job reads its own snapshot (db/reports/reader.ts) and writes to
// `.part`, renamed only when whole.
import { basename } from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import type { reportExportInput, ReportRequest } from '../../../shared/domain/reports';
import { V } from '../../../shared/domain/validation';
import type { Sqlite } from '../../../db/open';
import { openReportReader } from '../../../db/reports/reader';
import type { ServiceContext } from '../context';
import { openFileStore } from '../attachments/fileStore';
import { today } from '../ledgers/today';
import { readSettingsView } from '../settings';
import { buildReport, suggestedNameOf } from './build';
import { writeCsv } from './csvWriter';
import { checkChosenPath, downloadPathOf, exportTarget, writeAtomically } from './files';
import { createJobRegistry, type JobRegistry } from './jobs';
import { previewOf } from './preview';
import { addRecent, listRecent } from './recent';
import { resolveScope, type ResolvedScope } from './scope';
import { sourceOf } from './source';
import { writeXlsx } from './xlsxWriter';

export type ReportMethods = 'reports.preview' | 'reports.export' | 'reports.job' | 'reports.cancel' | 'reports.recent';

type ExportRequest = z.output<typeof reportExportInput>;

function definitionOn(ctx: ServiceContext, sqlite: Sqlite, request: ReportRequest, scope: ResolvedScope) {
  const settings = readSettingsView(ctx);
  const files = request.thumbnails ? openFileStore(ctx.dataDir) : null;
  return buildReport(sourceOf(sqlite, request, scope, today(ctx.now), { threshold: settings.presenceThreshold, duties: settings.duties }, ctx.now(), files));
}

/** The handlers, and the job registry behind them (one per app context). */
export function reportService(ctx: ServiceContext): { handlers: Pick<Handlers, ReportMethods>; jobs: JobRegistry } {
  const jobs = createJobRegistry(ctx.now);

  function startExport({ format, path, ...request }: ExportRequest) {
    const scope = resolveScope(ctx, request);
    const busy = jobs.busyFiles();
    let file: string;
    if (path) {
      checkChosenPath(path);
      if (busy.has(path)) throw new ApiError('INVALID_INPUT', `${path} is being written by another export`, [{ path: ['path'], message: V.invalid }]);
      file = path;
    } else {
      file = exportTarget(ctx.dataDir, suggestedNameOf(request, scope), format, busy);
    }
    return jobs.start(
      { id: ctx.newId(), report: request.report, format, file, fileName: basename(file), download: downloadPathOf(ctx.dataDir, file) },
      async (control, expect) => {
        const reader = openReportReader(ctx.db.file, ctx.nativeBinding);
        try {
          const def = definitionOn(ctx, reader.sqlite, request, scope);
          expect(def.tables.reduce((sum, t) => sum + t.estimate, 0));
          const write = format === 'xlsx' ? writeXlsx : writeCsv;
          const { bytes } = await writeAtomically(file, (part) => write(def, part, control));
          return { bytes, title: def.language === 'zh-CN' ? `${def.title}（${def.periodText}）` : `${def.title} (${def.periodText})` };
        } finally {
          reader.close();
        }
      },
      (job, title) =>
        addRecent(ctx.db, {
          id: job.id, report: job.report, format: job.format, title, file: job.file, fileName: job.fileName, download: job.download,
          rows: job.rowsWritten, bytes: job.bytes ?? 0, at: job.finishedAt!,
        }),
    );
  }

  return {
    jobs,
    handlers: {
      'reports.preview': ({ limit, ...request }) => previewOf(definitionOn(ctx, ctx.db.sqlite, request, resolveScope(ctx, request)), limit),
      'reports.export': (input) => startExport(input),
      'reports.job': ({ id }) => jobs.get(id),
      'reports.cancel': ({ id }) => jobs.cancel(id),
      'reports.recent': () => ({ items: listRecent(ctx.db) }),
    },
  };
}

export function reportHandlers(ctx: ServiceContext): Pick<Handlers, ReportMethods> {
  return reportService(ctx).handlers;
}
