// Export jobs: each runs in the main process in slices (a batch of rows, then a turn of the event
// loop), so the app answers while a district's ledger is written. A job can be stopped between
// slices; its registry belongs to one app context (nothing module-level), and keeps the last
// jobs' outcomes for the screen to read.
import { ApiError } from '../../../shared/api/result';
import type { JobState, ReportFormat, ReportJob, ReportKind } from '../../../shared/domain/reports';
import { diskFullError, isDiskFull } from '../diskFull';
import type { WriteControl } from './xlsxWriter';

/** Thrown into a writer at its next slice once Stop was asked for. */
export class JobStopped extends Error {
  constructor() {
    super('Stopped by the person');
    this.name = 'JobStopped';
  }
}

/** What a job does: writes its file, telling the registry the rows it expects, through `control`. */
export type JobWork = (control: WriteControl, expect: (rows: number) => void) => Promise<{ bytes: number; title: string }>;

interface Job {
  view: ReportJob;
  stop: boolean;
  settled: Promise<void>;
}

/** Finished jobs kept for `reports.job` after they end. */
const KEPT_JOBS = 50;

export interface JobRegistry {
  start(
    spec: { id: string; report: ReportKind; format: ReportFormat; file: string; fileName: string; download: string | null },
    work: JobWork,
    onDone: (job: ReportJob, title: string) => void,
  ): ReportJob;
  get(id: string): ReportJob;
  /** Asks the job to stop and waits until it has (its `.part` removed). */
  cancel(id: string): Promise<ReportJob>;
  /** The files running jobs are writing (two jobs never write one file). */
  busyFiles(): Set<string>;
  /** Every job settled (tests, and closing the app). */
  idle(): Promise<void>;
}

export function createJobRegistry(now: () => number, yieldTurn: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): JobRegistry {
  const jobs = new Map<string, Job>();
  const iso = () => new Date(now()).toISOString();

  function find(id: string): Job {
    const job = jobs.get(id);
    if (!job) throw new ApiError('NOT_FOUND', `No export job ${id}`);
    return job;
  }

  function forget(): void {
    const finished = [...jobs.entries()].filter(([, job]) => job.view.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, jobs.size - KEPT_JOBS))) jobs.delete(id);
  }

  return {
    start(spec, work, onDone) {
      const view: ReportJob = {
        ...spec, state: 'running', rowsWritten: 0, rowsEstimate: 0, bytes: null, error: null, startedAt: iso(), finishedAt: null,
      };
      const job: Job = { view, stop: false, settled: Promise.resolve() };
      const control: WriteControl = {
        tick: async (rows) => {
          view.rowsWritten = rows;
          await yieldTurn();
          if (job.stop) throw new JobStopped();
        },
      };
      const finish = (state: JobState, patch: Partial<ReportJob> = {}) => {
        Object.assign(view, { state, finishedAt: iso(), ...patch });
      };
      job.settled = (async () => {
        await yieldTurn(); // the call that started it returns first
        try {
          if (job.stop) throw new JobStopped();
          const { bytes, title } = await work(control, (rows) => {
            view.rowsEstimate = rows;
          });
          finish('done', { bytes, rowsEstimate: Math.max(view.rowsEstimate, view.rowsWritten) });
          onDone({ ...view }, title);
        } catch (error) {
          if (error instanceof JobStopped) finish('cancelled');
          else if (isDiskFull(error)) finish('failed', { error: diskFullError('the export').toShape() });
          else finish('failed', { error: { code: (error as NodeJS.ErrnoException).code ?? 'INTERNAL', message: error instanceof Error ? error.message : String(error) } });
        }
      })();
      jobs.set(spec.id, job);
      forget();
      return { ...view };
    },
    get: (id) => ({ ...find(id).view }),
    async cancel(id) {
      const job = find(id);
      if (job.view.state === 'running') job.stop = true;
      await job.settled;
      return { ...job.view };
    },
    busyFiles: () => new Set([...jobs.values()].filter((j) => j.view.state === 'running').map((j) => j.view.file)),
    idle: async () => {
      await Promise.all([...jobs.values()].map((j) => j.settled));
    },
  };
}
