/** What /command/getAllScheduled answers for a schedule: its settings and every execution's status (pure). */
import type { ScheduleState } from '../schedule/schedule-state.js';
import { redactUrlUserInfo } from '../secrets.js';
import type { StatusView } from './status-view.js';

export interface ScheduleView {
  /** The uuid answered at submission: it names the schedule. */
  commandUuid: string;
  scheduleId: string;
  status: ScheduleState['status'];
  comment: string;
  delayBetweenExecutionsSeconds: number;
  service: string;
  modelName: string;
  rows: number;
  batches: number;
  threads: number;
  createdAt: string;
  executionsCount: number;
  executions: Array<Pick<StatusView, 'commandUuid' | 'status' | 'comment' | 'progress' | 'duration' | 'queuedAt' | 'finishedAt'> & { n: number }>;
}

/** `viewOf`: an execution's status view at `now` (the read model's `view`). */
export function scheduleView(s: ScheduleState, viewOf: (uuid: string, now: number) => StatusView | undefined, now = Date.now()): ScheduleView {
  return {
    commandUuid: s.scheduleId,
    scheduleId: s.scheduleId,
    status: s.status,
    comment: redactUrlUserInfo(s.comment),
    delayBetweenExecutionsSeconds: s.delaySeconds,
    service: s.request.service,
    modelName: s.request.model.name,
    rows: s.request.rows,
    batches: s.request.batches,
    threads: s.request.threads,
    createdAt: s.createdAt,
    executionsCount: s.executions.length,
    executions: s.executions.map((e) => {
      const v = viewOf(e.commandUuid, now);
      return {
        n: e.n,
        commandUuid: e.commandUuid,
        status: v?.status ?? 'QUEUED',
        comment: v?.comment ?? '',
        progress: v?.progress ?? '0.0',
        duration: v?.duration ?? '0ms',
        queuedAt: v?.queuedAt ?? e.startedAt,
        finishedAt: v?.finishedAt ?? null,
      };
    }),
  };
}
