/** The roles of a workspace member and what each may do: one table the server enforces and the route table names. */
export const ROLES = ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. Checked on the server for every route that names a permission
 * (contract/routes) and again inside the services; the web UI only hides what the server would refuse anyway.
 */
export const PERMISSIONS = {
  'workspace.manage': ['owner', 'manager'],
  /** Whether members must use two-factor sign-in. */
  'workspace.security': ['owner'],
  'members.manage': ['owner', 'manager'],
  'accounts.manage': ['owner', 'manager'],
  'content.write': ['owner', 'manager', 'editor'],
  'content.review': ['owner', 'manager', 'reviewer'],
  'content.comment': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  'media.upload': ['owner', 'manager', 'editor'],
  'publishing.control': ['owner', 'manager'],
  'audit.read': ['owner', 'manager'],
  /** Open incidents, add notes, tick checklists, use approved holding statements (everyone but guests). */
  'incidents.write': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  /** Incident severity/owner, crisis pause/resume, approve statements, close, playbooks, monitoring rules. */
  'incidents.manage': ['owner', 'manager'],
  /** Read and work the inbox: assign, tag, set status, import, reply (everyone but guests). */
  'inbox.work': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  /**
   * The feedback queue: every role. Rows are scoped in the feedback service: members who work the
   * inbox see the whole workspace, a guest only the items routed to a department they belong to.
   */
  'feedback.work': ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'],
  /** Hide a comment: the platform deletes it, which cannot be undone (reviewers, managers, owners). */
  'inbox.hide': ['owner', 'manager', 'reviewer'],
  /** Write and change the inbox's canned replies (everyone who works the inbox uses them). */
  'inbox.manage': ['owner', 'manager'],
  /** Write, order, switch on and try inbox rules (conditions → actions on every new item). */
  'inbox.rules': ['owner', 'manager'],
  /** Generate, edit, send and schedule 周报 / 月报 (every member reads them). */
  'reports.manage': ['owner', 'manager'],
  /** Make and change short links (writers, as for posts). */
  'links.write': ['owner', 'manager', 'editor'],
  /** See and rotate the conversion webhook's signing secret. */
  'links.webhook': ['owner', 'manager'],
  /** Work tasks: make, move, assign, comment, escalate, start a template (everyone but guests). */
  'tasks.work': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  /** Task templates, daily capacity and alert settings, and deciding escalations (the managers). */
  'tasks.manage': ['owner', 'manager'],
  /** Screening policy, word lists, brand kits, and overriding a blocked post. */
  'risk.manage': ['owner', 'manager'],
  /** Write the strategy (positioning, personas, pillars, formats, cadence, linked goals); every member reads it. */
  'strategy.manage': ['owner', 'manager'],
  /**
   * Submit a request to the media team (other departments are usually guests) and follow one's own;
   * the requests service shows a member without `requests.work` only the requests they submitted.
   */
  'requests.submit': ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'],
  /** Work the workspace's requests: accept, decline, progress, turn into topics and posts. */
  'requests.work': ['owner', 'manager', 'editor'],
  /** Request types (their forms, owner, due days) and joint campaigns. */
  'requests.manage': ['owner', 'manager'],
  /** Training sessions (attendance, quizzes), the onboarding template and checklists, hiring (positions, candidates, stages, erasure). */
  'people.manage': ['owner', 'manager'],
  /** One's own training and onboarding: take an invited session's quiz, sign off, tick one's own checklist items (every role; rows checked in the people service). */
  'people.self': ['owner', 'manager', 'editor', 'reviewer', 'analyst', 'guest'],
  /** Read candidates and their trial pieces, and give one's own interview scores and notes (reviewers interview too). */
  'hiring.interview': ['owner', 'manager', 'reviewer'],
  /** The team pages: one's own scorecard, review (self-assessment, sign-off) and incentives (everyone but guests). */
  'team.view': ['owner', 'manager', 'editor', 'reviewer', 'analyst'],
  /** Everyone's scorecards, review cycles, manager assessments and sign-off, the rating scale, incentives. */
  'team.manage': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, perm: Permission): boolean {
  return (PERMISSIONS[perm] as readonly Role[]).includes(role);
}
