import { z } from 'zod';
import { Platform } from './accounts';
import { clean, Day, Id, IsoDate, patch, text, withPage } from './common';

// Short links (/l/<code>) per post, variant or publication, their clicks per day, and the
// conversions reported by the workspace's signed webhook or by the pixel.

const httpUrl = clean(z.string().max(2000))
  .refine((s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol), {
    error: '目标地址必须是 http:// 或 https:// 开头的完整网址 / the target must be a full http:// or https:// URL',
  })
  .refine((s) => !URL.canParse(s) || !new URL(s).username, { error: '目标地址不能包含用户名或密码 / the target must not carry a user name or password' });
const utmValue = text().trim().min(1, { error: '不能为空 / must not be empty' }).max(100, { error: '最多 100 个字符 / at most 100 characters' });
const campaign = text().trim().min(1, { error: '不能为空 / must not be empty' }).max(100, { error: '最多 100 个字符 / at most 100 characters' });

export const LinkQuery = withPage(
  z.object({
    /** Searches the code, the target and the campaign. */
    q: text().max(200).optional(),
    postId: Id.optional(),
    campaign: text().max(100).optional(),
    archived: z.enum(['true', 'false']).optional(),
  }),
);

export const CreateLinkBody = z.strictObject({
  targetUrl: httpUrl,
  postId: Id.optional(),
  /** With postId: the variant for this account. */
  accountId: Id.optional(),
  /** One publication (its post and account follow from it). */
  publicationId: Id.optional(),
  campaign: campaign.optional(),
  utmSource: utmValue.optional(),
  utmMedium: utmValue.optional(),
  utmCampaign: utmValue.optional(),
  utmContent: utmValue.optional(),
});

export const UpdateLinkBody = patch({
  targetUrl: httpUrl,
  campaign: campaign.nullable(),
  utmSource: utmValue,
  utmMedium: utmValue,
  utmCampaign: utmValue.nullable(),
  utmContent: utmValue.nullable(),
  archived: z.boolean(),
});

const n = z.number().nullable();

export const Link = z.object({
  id: Id,
  code: z.string(),
  /** The address to share: MEIYUN_PUBLIC_URL + /l/<code> (the path alone when it is unset). */
  shortUrl: z.string(),
  targetUrl: z.string(),
  /** Where a click goes: the target with the UTM parameters added. */
  redirectUrl: z.string(),
  postId: Id.nullable(),
  postTitle: z.string().nullable(),
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  platform: Platform.nullable(),
  publicationId: Id.nullable(),
  campaign: z.string().nullable(),
  utmSource: z.string(),
  utmMedium: z.string(),
  utmCampaign: z.string().nullable(),
  utmContent: z.string().nullable(),
  createdBy: Id.nullable(),
  createdAt: IsoDate,
  archived: z.boolean(),
  clicks: z.number().int(),
  conversions: z.number().int(),
});

export const LinkStatsQuery = z.object({ from: Day.optional(), to: Day.optional() });
export const LinkDay = z.object({
  day: Day,
  clicks: z.number().int(),
  uniques: z.number().int(),
  previews: z.number().int(),
  bots: z.number().int(),
  conversions: z.number().int(),
  /** Sum of the conversions' values, CNY. */
  value: n,
});
export const LinkStats = z.object({
  link: Link,
  days: z.array(LinkDay),
  totals: LinkDay.omit({ day: true }).extend({ conversionRate: n }),
  /** Conversions ÷ clicks. */
  definition: z.object({ zh: z.string(), en: z.string() }),
});

/** The workspace's conversion webhook; the secret itself is only in the answer of a rotation. */
export const WebhookSettings = z.object({
  /** Empty until a manager generates the secret. */
  key: z.string().nullable(),
  url: z.string().nullable(),
  path: z.string().nullable(),
  rotatedAt: IsoDate.nullable(),
  pixelUrl: z.string().nullable(),
});
export const WebhookSecret = WebhookSettings.extend({ secret: z.string() });

export const ConversionKind = text().regex(/^[a-z][a-z0-9_]{0,31}$/, {
  error: '类型须为小写英文单词，如 signup、order、lead / kind must be a lower-case word such as signup, order or lead',
});
const eventId = text().min(1, { error: '不能为空 / must not be empty' }).max(200, { error: '最多 200 个字符 / at most 200 characters' });
const value = z
  .number()
  .min(0, { error: '金额不能为负 / the value must not be negative' })
  .max(999_999_999_999, { error: '金额太大 / the value is too large' });

/** The body of POST /api/v1/conversions/:workspaceKey (signed, see the links module README). */
export const ConversionBody = z.strictObject({
  event_id: eventId,
  kind: ConversionKind,
  /** CNY (元). */
  value: value.optional(),
  currency: z.literal('CNY', { error: '只支持人民币 CNY / only CNY is supported' }).optional(),
  occurred_at: IsoDate.optional(),
  /** The short link's code the visitor came through, when the site kept it. */
  code: text().max(64).optional(),
});
export const ConversionResult = z.object({ ok: z.literal(true), duplicate: z.boolean(), id: Id });

export const PixelQuery = z.object({
  event_id: eventId,
  kind: ConversionKind,
  value: z.coerce.number().pipe(value).optional(),
});
