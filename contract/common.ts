import { z } from 'zod';

// PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16 surrogate has no UTF-8 form: it is
// a 500 in jsonb and silently becomes U+FFFD in text. Every string the API accepts goes through
// `clean` (via `text()` or directly on a format such as z.url()), so neither ever reaches a query.
const LONE_SURROGATE = /\p{Cs}/u;

/** Adds the NUL and lone-surrogate refusals to any string schema (text, url, email …). */
export function clean<T extends z.ZodType<string>>(s: T): T {
  return s
    .refine((v) => !v.includes('\u0000'), { error: '不能包含空字符（NUL） / must not contain a NUL character' })
    .refine((v) => !LONE_SURROGATE.test(v), { error: '包含无效的 Unicode 字符（孤立代理项） / contains invalid Unicode (a lone surrogate)' }) as T;
}

/** The string type of the contract: every request string (body, query, path) is one of these. */
export const text = () => clean(z.string());

export const Id = z.uuid({ error: '必须是有效的 ID / must be a valid id' });

// Dates a user means and PostgreSQL can hold: year 0000 parses in JavaScript but not in
// PostgreSQL, and a five-digit year is no one's schedule.
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const inRange = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= MIN_YEAR && d.getUTCFullYear() <= MAX_YEAR;
const RANGE = { error: `日期须在 ${MIN_YEAR} 到 ${MAX_YEAR} 年之间 / the date must be between the years ${MIN_YEAR} and ${MAX_YEAR}` };

/** A date-time with its offset (ISO 8601), within 1970–9999. */
export const IsoDate = z.iso
  .datetime({ offset: true, error: '必须是 ISO 8601 时间，如 2026-01-31T09:00:00+08:00 / must be an ISO 8601 date-time' })
  .refine((s) => inRange(new Date(s)), RANGE);

/** A calendar date (YYYY-MM-DD) within 1970–9999. */
export const Day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' }).refine((s) => inRange(new Date(`${s}T00:00:00Z`)), RANGE);

export const Page = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** Which filters a paged query was made from (so the generated docs can name them). */
export const pagedFrom = new WeakMap<z.ZodType, z.ZodObject>();

/** A list query: the module's filters plus page and pageSize. */
export const withPage = <S extends z.ZodRawShape>(q: z.ZodObject<S>) => {
  const query = z.object({ ...q.shape, ...Page.shape });
  pagedFrom.set(query, q);
  return query;
};

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/**
 * A partial update: every field optional, and at least one of them given. `{}` would reach the
 * database as an UPDATE with nothing to set; it is refused here with a clear 400 instead.
 */
export const patch = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject(shape)
    .partial()
    .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的字段 / nothing to change' })
    .meta({ minProperties: 1 });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string().optional() }),
});

export const Ok = z.object({ ok: z.literal(true) });

/** The answer of a file download (documented as binary; never serialised as JSON). */
export const FileBody = z.string().meta({ format: 'binary' });
