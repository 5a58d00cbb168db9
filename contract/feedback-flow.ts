// The feedback lifecycle as plain data (no zod), shared by the server's checks and the web's buttons.

export const FEEDBACK_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'wont_fix'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Where each status may go next: forward, skipping steps, and back from a closed item (reopen). */
export const FEEDBACK_NEXT: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'wont_fix'],
  acknowledged: ['in_progress', 'resolved', 'wont_fix'],
  in_progress: ['resolved', 'wont_fix'],
  resolved: ['in_progress'],
  wont_fix: ['in_progress'],
};

/** Closing needs a resolution note and tells the inbox. */
export const FEEDBACK_CLOSED: readonly FeedbackStatus[] = ['resolved', 'wont_fix'];
