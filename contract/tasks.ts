// Tasks (issue 10 T1, items 2 and 8): a board and a list of the team's work, templates for
// recurring chains of steps, the workload of the next two weeks, overdue alerts, clashes and
// escalations to the manager. See server/src/modules/tasks/README.md.
import { z } from 'zod';
import { Day, Id, IsoDate, patch, text } from './common';
import { ROLES } from './permissions';

export const TASK_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
/** As feedback's and the inbox's priorities (urgent ≈ P1 … low ≈ P4). */
export const TaskPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const LinkKind = z.enum(['post', 'topic', 'feedback', 'request', 'incident']);
export const TaskLink = z.strictObject({ kind: LinkKind, id: Id });

const Title = text()
  .trim()
  .min(1, { error: '标题不能为空 / the title must not be empty' })
  .max(120, { error: '标题最多 120 字 / the title is at most 120 characters' });
const Description = text().trim().max(5000, { error: '描述最多 5000 字 / the description is at most 5000 characters' });

export const Task = z.object({
  id: Id,
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: TaskPriority,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  dueAt: IsoDate.nullable(),
  parentId: Id.nullable(),
  links: z.array(TaskLink),
  /** The template run and step this task is, if it came from a template. */
  templateId: Id.nullable(),
  step: z.number().int().nullable(),
  overdue: z.boolean(),
  createdBy: Id.nullable(),
  createdAt: IsoDate,
  doneAt: IsoDate.nullable(),
  updatedAt: IsoDate,
});

export const TaskComment = z.object({ id: Id, body: z.string(), authorId: Id.nullable(), authorName: z.string().nullable(), at: IsoDate });

export const EscalationStatus = z.enum(['open', 'decided']);
export const Escalation = z.object({
  id: Id,
  taskId: Id,
  taskTitle: z.string(),
  reason: z.string(),
  raisedBy: Id.nullable(),
  raisedByName: z.string().nullable(),
  raisedAt: IsoDate,
  status: EscalationStatus,
  decision: z.string().nullable(),
  decidedBy: Id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoDate.nullable(),
});

export const TaskDetail = z.object({
  task: Task,
  subtasks: z.array(Task),
  comments: z.array(TaskComment),
  escalations: z.array(Escalation),
});

export const CreateTaskBody = z.strictObject({
  title: Title,
  description: Description.default(''),
  assigneeId: Id.nullable().optional(),
  dueAt: IsoDate.nullable().optional(),
  priority: TaskPriority.default('normal'),
  parentId: Id.nullable().optional(),
  links: z.array(TaskLink).max(20).default([]),
});

export const UpdateTaskBody = patch({
  title: Title,
  description: Description,
  assigneeId: Id.nullable(),
  dueAt: IsoDate.nullable(),
  priority: TaskPriority,
  status: TaskStatus,
  links: z.array(TaskLink).max(20),
});

export const TaskQuery = z.object({
  assignee: z.union([Id, z.literal('none')]).optional(),
  status: TaskStatus.optional(),
  priority: TaskPriority.optional(),
  /** Due on or after this day / on or before this day (the workspace's time zone). */
  dueFrom: Day.optional(),
  dueTo: Day.optional(),
  q: text().trim().max(100).optional(),
  linked: LinkKind.optional(),
  parent: Id.optional(),
});

export const TaskCommentBody = z.strictObject({
  body: text()
    .trim()
    .min(1, { error: '留言不能为空 / the comment must not be empty' })
    .max(2000, { error: '留言最多 2000 字 / the comment is at most 2000 characters' }),
});

export const Board = z.object({ columns: z.array(z.object({ status: TaskStatus, tasks: z.array(Task), total: z.number().int() })) });

/** Who a template step goes to: one member, or the member of a role with the fewest open tasks. */
export const StepAssignee = z
  .strictObject({ memberId: Id.optional(), role: z.enum(ROLES).optional() })
  .refine((a) => !a.memberId !== !a.role, { error: '指定一位成员或一个角色 / name either a member or a role' });
export const TemplateStep = z.strictObject({
  title: Title,
  assignee: StepAssignee.nullable().default(null),
  /** Days after the previous step is done (or the start) that this step starts. */
  offsetDays: z.number().int().min(0).max(60).default(0),
  /** Days it takes: its due date is start + offset + duration. */
  durationDays: z.number().int().min(0).max(60).default(1),
});
export const Weekday = z.number().int().min(0).max(6);

export const TaskTemplate = z.object({
  id: Id,
  name: z.string(),
  steps: z.array(TemplateStep),
  /** Started by the worker each week on this weekday (0 = Sunday), in the workspace's time zone. */
  weekday: Weekday.nullable(),
  active: z.boolean(),
  createdAt: IsoDate,
});
export const TemplateBody = z.strictObject({
  name: Title,
  steps: z.array(TemplateStep).min(1, { error: '至少一个步骤 / at least one step' }).max(20),
  weekday: Weekday.nullable().default(null),
  active: z.boolean().default(true),
});
export const UpdateTemplateBody = patch({ name: Title, steps: z.array(TemplateStep).min(1).max(20), weekday: Weekday.nullable(), active: z.boolean() });

export const TaskSettings = z.object({
  /** Open tasks a member can carry on one day before they count as overloaded. */
  dailyCapacity: z.number().int().min(1).max(50),
  /** Hours after the assignee's overdue alert that the managers are told. */
  escalateAfterHours: z.number().int().min(1).max(720),
  /** Two posts for one account within this many minutes clash. */
  slotMinutes: z.number().int().min(5).max(720),
});
export const TaskSettingsBody = patch(TaskSettings.shape);

/** `count`: the open tasks and the open requests (not yet made into a task) the member owns, due that day. */
export const WorkloadDay = z.object({ day: Day, count: z.number().int(), overloaded: z.boolean(), taskIds: z.array(Id), requestIds: z.array(Id) });
export const Workload = z.object({
  days: z.array(Day),
  capacity: z.number().int(),
  members: z.array(z.object({ userId: Id, name: z.string(), role: z.enum(ROLES), days: z.array(WorkloadDay), overloadedDays: z.number().int() })),
  /** The open tasks counted in the days, in due order: the cards of the view (not capped like the board's columns). */
  tasks: z.array(Task),
});

export const PostClash = z.object({
  accountId: Id,
  accountName: z.string(),
  posts: z.array(z.object({ postId: Id, title: z.string(), dueAt: IsoDate })),
});
export const MemberClash = z.object({ userId: Id, name: z.string(), day: Day, count: z.number().int(), capacity: z.number().int(), requestIds: z.array(Id) });
export const Clashes = z.object({
  posts: z.array(PostClash),
  members: z.array(MemberClash),
  /** Who decides: the workspace's managers (or owners when there is no manager). */
  deciders: z.array(z.object({ userId: Id, name: z.string() })),
});

export const EscalateBody = z.strictObject({
  reason: text().trim().min(1, { error: '请说明原因 / a reason is needed' }).max(1000, { error: '原因最多 1000 字 / the reason is at most 1000 characters' }),
});
export const DecideBody = z.strictObject({
  decision: text()
    .trim()
    .min(1, { error: '请写明决定 / the decision is needed' })
    .max(1000, { error: '决定最多 1000 字 / the decision is at most 1000 characters' }),
});
export const EscalationQuery = z.object({ status: EscalationStatus.optional() });
