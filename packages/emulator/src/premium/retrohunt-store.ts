// One emulator's retrohunt jobs. Ids are `<username>-<unix seconds>` as on VT
// (vt-cli matches `\w+-\d+`, reference §3/§5.7); a collision takes the next second.
import type { RetrohuntJob } from './retrohunt-lifecycle.ts';

export type NewRetrohuntJob = Omit<RetrohuntJob, 'id' | 'abortedMs'>;

export interface RetrohuntStore {
  add(job: NewRetrohuntJob): RetrohuntJob;
  get(id: string): RetrohuntJob | undefined;
  /** The owner's jobs, newest first. */
  ownedBy(owner: string): RetrohuntJob[];
  remove(id: string): void;
}

export function createRetrohuntStore(): RetrohuntStore {
  const jobs = new Map<string, RetrohuntJob>();
  return {
    add(input) {
      const user = input.owner.replace(/\W/g, '_') || 'user';
      let seconds = Math.floor(input.createdMs / 1000);
      while (jobs.has(`${user}-${seconds}`)) seconds++;
      const job: RetrohuntJob = { ...input, id: `${user}-${seconds}`, abortedMs: undefined };
      jobs.set(job.id, job);
      return job;
    },
    get: (id) => jobs.get(id),
    // Insertion order is creation order (the clock never goes back).
    ownedBy: (owner) => [...jobs.values()].reverse().filter((j) => j.owner === owner),
    remove(id) {
      jobs.delete(id);
    },
  };
}
