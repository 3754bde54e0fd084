/**
 * Among replicas sharing a database, one at a time polls the feeds, files their news and schedules deliveries: the
 * holder of the work lease. The others answer chats and send what the outbox holds.
 */
export interface WorkLease {
  /**
   * Holds the lease, taking it if it is free: "taken" the first time this process gets it, "held" while it keeps it,
   * "elsewhere" while another process has it.
   */
  hold(): LeaseState;
  /** Lets the lease go (a console that only answers, once it has prepared the database); the next hold() may retake it. */
  release(): void;
}

export type LeaseState = "taken" | "held" | "elsewhere";

/** The lease of a process alone on its database (SQLite's single writer): always its own. */
export function soleWorker(): WorkLease {
  let taken = false;
  return {
    hold() {
      if (taken) return "held";
      taken = true;
      return "taken";
    },
    release() {
      taken = false;
    },
  };
}
