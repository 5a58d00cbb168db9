// Internal notes on an inbox item, with @mentions (server/src/modules/inbox/notes.ts).
import { z } from 'zod';
import { Id, IsoDate, text } from './common';

export const InboxNote = z.object({
  id: Id,
  itemId: Id,
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  /** The members the note names with @name (each was notified). */
  mentions: z.array(z.object({ id: Id, name: z.string() })),
  createdAt: IsoDate,
});
export const InboxNoteBody = z.strictObject({
  text: text()
    .trim()
    .min(1, { error: '备注不能为空 / the note must not be empty' })
    .max(2000, { error: '备注最多 2000 字 / a note is at most 2000 characters' }),
});
