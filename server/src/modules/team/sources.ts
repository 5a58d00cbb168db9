// Figures other modules provide to the scorecards once they exist. The tasks module registers its
// reader at start (the lead wires it); until then the figure is null and the page shows "—".
import type { Executor } from '../../db/pool';

export type TasksDoneOnTime = (
  db: Executor,
  workspaceId: string,
  userId: string,
  from: Date,
  to: Date,
) => Promise<{ done: number; onTime: number; ids: string[] }>;

type Sources = { tasksDoneOnTime: TasksDoneOnTime | null };
const sources: Sources = { tasksDoneOnTime: null };

/** Wires (or, with null, unwires) a scorecard source. */
export function registerScorecardSource<K extends keyof Sources>(name: K, fn: Sources[K]) {
  sources[name] = fn;
}

export const scorecardSource = <K extends keyof Sources>(name: K): Sources[K] => sources[name];
