import { z } from 'zod';
import { Id, IsoDate, patch, text } from './common';

/** Every category a finding can have; `ad_law` is the built-in dictionary, `brand_*` come from an account's brand kit. */
export const RiskCategory = z.enum(['ad_law', 'sensitive', 'brand_banned', 'competitor', 'custom', 'brand_required']);
/** The categories of the workspace's own word lists. */
export const WordCategory = z.enum(['sensitive', 'brand_banned', 'competitor', 'custom']);
export const RiskAction = z.enum(['block', 'warn', 'off']);
export const Severity = z.enum(['high', 'medium', 'low']);

export const RiskPolicy = z.object({
  ad_law: RiskAction,
  sensitive: RiskAction,
  brand_banned: RiskAction,
  competitor: RiskAction,
  custom: RiskAction,
  brand_required: RiskAction,
});
export const RiskPolicyView = z.object({ policy: RiskPolicy, adLawDisabled: z.number().int(), version: z.number().int(), updatedAt: IsoDate.nullable() });
export const UpdatePolicyBody = patch(RiskPolicy.shape);

const Term = text()
  .trim()
  .min(1, { error: '词条不能为空 / the term must not be empty' })
  .max(50, { error: '词条最多 50 字 / a term is at most 50 characters' })
  .refine((s) => !/[\r\n]/.test(s), { error: '词条不能换行 / a term cannot contain a line break' });

export const WordBody = z.strictObject({
  term: Term,
  category: WordCategory,
  severity: Severity.default('medium'),
  note: text().max(200).default(''),
});
export const UpdateWordBody = patch({ severity: Severity, note: text().max(200) });
export const Word = z.object({ id: Id, term: z.string(), category: WordCategory, severity: Severity, note: z.string(), createdAt: IsoDate });
export const WordQuery = z.object({ category: WordCategory.optional(), q: text().max(50).optional() });

/** One term per line, optionally followed by a severity after a comma, tab or space: `国家级,high`. */
export const ImportWordsBody = z.strictObject({
  category: WordCategory,
  text: text()
    .min(1, { error: '请粘贴至少一个词 / paste at least one term' })
    .max(200_000, { error: '一次最多导入 200,000 字 / at most 200,000 characters at a time' }),
  severity: Severity.default('medium'),
});
export const ImportResult = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const AdLawTerm = z.object({ term: z.string(), severity: Severity, enabled: z.boolean() });
export const AdLawQuery = z.object({ q: text().max(50).optional(), severity: Severity.optional(), enabled: z.enum(['true', 'false']).optional() });
export const AdLawToggleBody = z.strictObject({ terms: z.array(text().min(1).max(50)).min(1).max(500), enabled: z.boolean() });

const Phrase = text().trim().min(1, { error: '不能为空 / must not be empty' }).max(100, { error: '最多 100 字 / at most 100 characters' });
export const BrandKitBody = z.strictObject({
  toneNotes: text().max(5000, { error: '语气说明最多 5000 字 / tone notes are at most 5000 characters' }).default(''),
  requiredPhrases: z.array(Phrase).max(50, { error: '必含内容最多 50 条 / at most 50 required phrases' }).default([]),
  bannedWords: z.array(Term).max(1000, { error: '禁用词最多 1000 个 / at most 1000 banned words' }).default([]),
});
export const BrandKitQuery = z.object({ q: text().max(100).optional() });
export const BrandKit = z.object({
  accountId: Id,
  accountName: z.string(),
  toneNotes: z.string(),
  requiredPhrases: z.array(z.string()),
  bannedWords: z.array(z.string()),
  updatedAt: IsoDate.nullable(),
});

const Fields = {
  title: text().max(64).optional(),
  digest: text().max(128).optional(),
  bodyHtml: text().max(1_000_000, { error: '正文太长 / body is too long' }).optional(),
};
/** Arbitrary text from the editor; a variant's non-null fields replace the main ones for that account. */
export const ScreenBody = z.strictObject({
  ...Fields,
  accountIds: z.array(Id).max(50).optional(),
  variants: z
    .array(
      z.strictObject({
        accountId: Id,
        title: text().max(64).nullable().optional(),
        digest: text().max(128).nullable().optional(),
        bodyHtml: text().max(1_000_000).nullable().optional(),
      }),
    )
    .max(50)
    .optional(),
});

export const ScreenField = z.enum(['title', 'digest', 'body']);
export const Finding = z.object({
  /** null: the main text; else the account whose variant or brand kit produced it. */
  accountId: Id.nullable(),
  /** null for a missing required phrase (it has no place). */
  field: ScreenField.nullable(),
  /** UTF-16 offsets into the field's text; for `body`, into ScreenText.body (the HTML's visible text). */
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  /** The text as written there (junk between the characters included). */
  match: z.string().nullable(),
  term: z.string(),
  category: RiskCategory,
  severity: z.string().nullable(),
  action: z.enum(['block', 'warn']),
});
/** The texts the offsets refer to: the main text, and each account whose variant has its own text. */
export const ScreenText = z.object({ accountId: Id.nullable(), title: z.string(), digest: z.string(), body: z.string() });
export const ScreenAccount = z.object({
  accountId: Id,
  accountName: z.string(),
  toneNotes: z.string(),
  requiredPhrases: z.array(z.string()),
  missing: z.array(z.string()),
});
export const ScreenResult = z.object({
  blocked: z.boolean(),
  findings: z.array(Finding),
  texts: z.array(ScreenText),
  accounts: z.array(ScreenAccount),
});
export const ScreeningOverride = z.object({ version: z.number().int(), reason: z.string(), actorName: z.string(), at: IsoDate, findings: z.array(Finding) });
export const PostScreening = ScreenResult.extend({
  postVersion: z.number().int(),
  /** A valid override for this version that covers every blocking finding, if any. */
  override: ScreeningOverride.nullable(),
  /** Submit and approval would pass the gate now. */
  passes: z.boolean(),
});
export const OverrideBody = z.strictObject({
  reason: text()
    .trim()
    .min(5, { error: '请写明放行理由（至少 5 个字） / give a reason of at least 5 characters' })
    .max(1000, { error: '理由最多 1000 字 / the reason is at most 1000 characters' }),
});
export const AdLawToggleResult = z.object({ disabled: z.number().int() });
