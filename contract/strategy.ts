import { z } from 'zod';
import { ContentFormat } from './content';
import { Day, Id, IsoDate, text } from './common';
import { GoalState } from './goals';

const Share = z
  .number({ error: '占比必须是数字 / the share must be a number' })
  .min(0, { error: '占比不能为负 / a share must not be negative' })
  .max(100, { error: '占比最多 100% / a share is at most 100%' });

export const Persona = z.strictObject({
  /** Kept across versions so the diff follows a persona through a rename; made by the server when left out. */
  id: Id.optional(),
  name: text().trim().min(1, { error: '画像名称不能为空 / a persona needs a name' }).max(40),
  description: text().max(1000).default(''),
  ageMin: z.number().int().min(0).max(120).nullable().default(null),
  ageMax: z.number().int().min(0).max(120).nullable().default(null),
  interests: z.array(text().trim().min(1).max(30)).max(20).default([]),
  /** Platforms the persona is found on (contract/platforms ids: wechat, xiaohongshu, douyin …). */
  platforms: z.array(text().trim().min(1).max(30)).max(20).default([]),
});

export const Pillar = z.strictObject({
  /** The id posts carry (posts.pillarId); kept across versions; made by the server when left out. */
  id: Id.optional(),
  name: text().trim().min(1, { error: '内容支柱名称不能为空 / a pillar needs a name' }).max(40),
  description: text().max(500).default(''),
  share: Share,
});

export const FormatShare = z.strictObject({ format: ContentFormat, share: Share });

export const StrategyGoal = z.strictObject({
  goalId: Id,
  horizon: z.enum(['long', 'short'], { error: '目标期限应为 long 或 short / horizon is long or short' }),
});

/** What a save writes: the whole strategy (each save is a new version; nothing is patched in place). */
export const StrategyBody = z.strictObject({
  /** null: the workspace's strategy; an account id: that account's own. */
  accountId: Id.nullable(),
  positioning: text().max(2000).default(''),
  personas: z.array(Persona).max(20).default([]),
  pillars: z.array(Pillar).max(20).default([]),
  formats: z.array(FormatShare).max(10).default([]),
  /** Posts per week per account (the workspace's plan applies to each account). */
  postsPerWeek: z.number().int().min(0).max(100).nullable().default(null),
  goals: z.array(StrategyGoal).max(30).default([]),
  /** The version the editor started from; a save on top of a newer one is refused (409). */
  expectedVersion: z.number().int().min(0).optional(),
  note: text().max(200).default(''),
});

export const StrategyContent = z.object({
  positioning: z.string(),
  personas: z.array(Persona.required({ id: true })),
  pillars: z.array(Pillar.required({ id: true })),
  formats: z.array(FormatShare),
  postsPerWeek: z.number().int().nullable(),
  goals: z.array(StrategyGoal),
});

export const StrategyGoalView = z.object({
  goalId: Id,
  horizon: z.enum(['long', 'short']),
  name: z.string(),
  target: z.number(),
  actual: z.number(),
  progress: z.number(),
  state: GoalState,
  endDay: Day,
});

export const Strategy = z.object({
  id: Id,
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  version: z.number().int(),
  content: StrategyContent,
  goals: z.array(StrategyGoalView),
  updatedBy: Id.nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: IsoDate,
});

export const StrategyScopeQuery = z.object({ accountId: Id.optional() });

export const StrategyVersion = z.object({
  version: z.number().int(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDate,
  note: z.string(),
  /** The fields this version changed against the one before (empty for version 1). */
  changed: z.array(z.string()),
});

export const StrategyDiffQuery = z.object({
  accountId: Id.optional(),
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const StrategyChange = z.object({
  /** positioning, postsPerWeek, pillars[<id>].share, formats[short_video], personas[<id>] … */
  path: z.string(),
  /** What a person reads: 内容支柱「美妆」的占比 … (zh) */
  label: z.string(),
  labelEn: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown(),
  after: z.unknown(),
});
export const StrategyDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(StrategyChange) });

export const StrategyMixQuery = z.object({
  accountId: Id.optional(),
  /** The period [from, to); default the last 30 days. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

const MixRow = z.object({
  target: z.number(),
  count: z.number().int(),
  /** Share of the tagged posts, in %. */
  actual: z.number(),
  /** actual − target, in percentage points. */
  gap: z.number(),
});

export const StrategyMix = z.object({
  from: IsoDate,
  to: IsoDate,
  /** The strategy measured against (null: none written yet; then every target is 0). */
  version: z.number().int().nullable(),
  total: z.number().int(),
  pillars: z.array(MixRow.extend({ pillarId: Id, name: z.string() })),
  formats: z.array(MixRow.extend({ format: ContentFormat })),
  /** Posts with no pillar (or one no longer in the strategy), and with no format. */
  untaggedPillar: z.number().int(),
  untaggedFormat: z.number().int(),
  cadence: z.object({
    planned: z.number().int().nullable(),
    weeks: z.number(),
    accounts: z.array(z.object({ accountId: Id, accountName: z.string(), count: z.number().int(), perWeek: z.number() })),
  }),
});

/** Every current pillar of the workspace (its own and its accounts' strategies): the post editor's choices. */
export const PillarChoice = z.object({ id: Id, name: z.string(), accountId: Id.nullable(), accountName: z.string().nullable() });
