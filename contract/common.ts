import { z } from 'zod';

export const Id = z.uuid({ error: '必须是有效的 ID / must be a valid id' });
export const IsoDate = z.iso.datetime({ offset: true, error: '必须是 ISO 8601 时间，如 2026-01-31T09:00:00+08:00 / must be an ISO 8601 date-time' });

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string().optional() }),
});

export const Ok = z.object({ ok: z.literal(true) });
