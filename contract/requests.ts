// Requests from other departments (issue 10 item 7, X1): request types with their own small forms,
// routed to an owner with a due date, worked submitted → accepted → in progress → done | declined,
// turned into a topic or a post; joint campaigns with shared goals and a calendar of their posts.
// See server/src/modules/requests/README.md.
import { z } from 'zod';
import { Day, Id, IsoDate, patch, text } from './common';
import { PostStatus, PublicationState } from './content';
import { Goal } from './goals';

export const FIELD_KINDS = ['text', 'long_text', 'date', 'number', 'select', 'link'] as const;
export const FieldKind = z.enum(FIELD_KINDS, { error: '未知的字段类型 / unknown field kind' });
export const REQUEST_STATUSES = ['submitted', 'accepted', 'in_progress', 'done', 'declined'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);

/** Where a request may go from each status (anything else is a 409). */
export const REQUEST_NEXT: Record<(typeof REQUEST_STATUSES)[number], readonly (typeof REQUEST_STATUSES)[number][]> = {
  submitted: ['accepted', 'declined'],
  accepted: ['in_progress', 'done', 'declined'],
  in_progress: ['done', 'declined'],
  done: [],
  declined: [],
};

const name = (zh: string, en: string, max: number) =>
  text()
    .trim()
    .min(1, { error: `${zh}不能为空 / the ${en} must not be empty` })
    .max(max, { error: `${zh}最多 ${max} 字 / the ${en} is at most ${max} characters` });
const Long = (zh: string, en: string) =>
  text()
    .trim()
    .max(5000, { error: `${zh}最多 5000 字 / the ${en} is at most 5000 characters` });

/** One field of a request type's form. `key` names the answer; options only for `select`. */
export const FieldDef = z
  .strictObject({
    key: text().regex(/^[a-z][a-z0-9_]{0,39}$/, {
      error: '字段标识须为小写字母开头的字母、数字或下划线 / a field key is lowercase letters, digits or _ starting with a letter',
    }),
    label: name('字段名称', 'field label', 40),
    kind: FieldKind,
    required: z.boolean().default(false),
    options: z
      .array(name('选项', 'option', 40))
      .max(30, { error: '选项最多 30 个 / at most 30 options' })
      .default([]),
  })
  .refine((f) => f.kind !== 'select' || f.options.length > 0, {
    error: '下拉字段至少要有一个选项 / a select field needs at least one option',
    path: ['options'],
  });

const Fields = z
  .array(FieldDef)
  .max(30, { error: '字段最多 30 个 / at most 30 fields' })
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, { error: '字段标识不能重复 / field keys must be unique' });
const DueDays = z
  .number()
  .int()
  .min(0, { error: '期限天数不能为负 / the due days must not be negative' })
  .max(365, { error: '期限最多 365 天 / at most 365 days' });

export const RequestType = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  fields: z.array(z.object({ key: z.string(), label: z.string(), kind: FieldKind, required: z.boolean(), options: z.array(z.string()) })),
  /** The member it routes to; null: the workspace's owners and managers. */
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueDays: z.number().int(),
  archived: z.boolean(),
});

export const RequestTypeBody = z.strictObject({
  name: name('类型名称', 'type name', 40),
  description: Long('说明', 'description').default(''),
  fields: Fields.default([]),
  ownerId: Id.nullable().default(null),
  dueDays: DueDays.default(3),
});
export const UpdateRequestTypeBody = patch({
  name: RequestTypeBody.shape.name,
  description: Long('说明', 'description'),
  fields: Fields,
  ownerId: Id.nullable(),
  dueDays: DueDays,
  archived: z.boolean(),
});
export const RequestTypeQuery = z.object({ archived: z.enum(['true', 'false']).optional() });

/** An answer: a string (text, long text, date YYYY-MM-DD, select option, link) or a number; null or absent = empty. */
export const Answer = z.union([text().max(5000, { error: '回答最多 5000 字 / an answer is at most 5000 characters' }), z.number(), z.null()]);

/** The linked post as the requester sees it: `published` once any of its publications went out. */
export const LinkedPost = z.object({
  id: Id,
  title: z.string(),
  status: PostStatus,
  scheduledAt: IsoDate.nullable(),
  /** published | scheduled | the post's own status (draft, in_review …). */
  stage: z.union([z.literal('published'), z.literal('scheduled'), PostStatus]),
  publishedAt: IsoDate.nullable(),
  states: z.array(PublicationState),
});

export const Request = z.object({
  id: Id,
  number: z.number().int(),
  typeId: Id,
  typeName: z.string(),
  title: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
  status: RequestStatus,
  declineReason: z.string().nullable(),
  requesterId: Id.nullable(),
  requesterName: z.string().nullable(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueAt: IsoDate,
  overdue: z.boolean(),
  campaignId: Id.nullable(),
  topicId: Id.nullable(),
  taskId: Id.nullable(),
  post: LinkedPost.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const RequestEvent = z.object({
  id: z.number().int(),
  kind: z.enum(['created', 'status', 'comment', 'topic', 'post', 'task', 'owner']),
  fromStatus: RequestStatus.nullable(),
  toStatus: RequestStatus.nullable(),
  text: z.string().nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: IsoDate,
});
export const RequestDetail = z.object({ request: Request, type: RequestType, events: z.array(RequestEvent) });

export const SubmitRequestBody = z.strictObject({
  typeId: Id,
  title: name('标题', 'title', 120),
  answers: z.record(z.string(), Answer).default({}),
  campaignId: Id.nullable().optional(),
});

export const UpdateRequestBody = patch({
  status: RequestStatus,
  /** Required to decline. */
  declineReason: name('拒绝原因', 'reason', 2000),
  ownerId: Id.nullable(),
  dueAt: IsoDate,
  campaignId: Id.nullable(),
});

export const RequestCommentBody = z.strictObject({ text: name('评论', 'comment', 2000) });

/** Turn into a post: the title defaults to the request's; the request's answers become the digest. */
export const RequestToPostBody = z.strictObject({ title: name('标题', 'title', 64).optional(), accountIds: z.array(Id).max(20).optional() });
export const RequestToTopicBody = z.strictObject({ title: name('标题', 'title', 200).optional() });
export const RequestToTaskBody = z.strictObject({ title: name('标题', 'title', 120).optional() });

export const RequestQuery = z.object({
  status: RequestStatus.optional(),
  typeId: Id.optional(),
  campaignId: Id.optional(),
  /** The requests a post was made from (the link back from the post). */
  postId: Id.optional(),
  /** Only those the caller submitted. */
  mine: z.enum(['true', 'false']).optional(),
  /** Only those past their due time and neither done nor declined. */
  overdue: z.enum(['true', 'false']).optional(),
  q: text().trim().max(50, { error: '关键词最多 50 字 / the keyword is at most 50 characters' }).optional(),
});

const CampaignFields = {
  name: name('活动名称', 'campaign name', 80),
  description: Long('说明', 'description'),
  startDay: Day,
  endDay: Day,
  departmentIds: z.array(Id).max(20),
  goalIds: z.array(Id).max(20),
};
const ordered = (c: { startDay?: string; endDay?: string }) => !c.startDay || !c.endDay || c.startDay <= c.endDay;
const ORDER = { error: '开始日期不能晚于结束日期 / the start day must not be after the end day', path: ['endDay'] };
export const CampaignBody = z
  .strictObject({
    ...CampaignFields,
    description: CampaignFields.description.default(''),
    departmentIds: CampaignFields.departmentIds.default([]),
    goalIds: CampaignFields.goalIds.default([]),
  })
  .refine(ordered, ORDER);
export const UpdateCampaignBody = patch(CampaignFields).refine(ordered, ORDER);
export const CampaignQuery = z.object({ q: RequestQuery.shape.q });

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  startDay: Day,
  endDay: Day,
  departments: z.array(z.object({ id: Id, name: z.string() })),
  goalIds: z.array(Id),
  requestCount: z.number().int(),
  createdAt: IsoDate,
});
/** A post of the campaign's calendar (through its requests). */
export const CampaignPost = LinkedPost.extend({ requestId: Id, requestNumber: z.number().int(), requestTitle: z.string() });
export const CampaignDetail = z.object({ campaign: Campaign, goals: z.array(Goal), posts: z.array(CampaignPost) });
