// Internal notes on an item: the team's conversation about a comment, never sent to the platform.
// A note naming members with @name notifies each of them once (not the writer) with a link that
// opens the item.
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type * as C from '../../../../contract/inbox-notes';
import type { Deps } from '../../context';
import { notFound } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import type { Actor } from '../identity/audit';
import { memberNames, mentionedMembers } from '../identity/membership';
import { can } from '../../../../contract/permissions';
import { assertCan } from '../identity/roles';
import { notify } from '../notify/service';
import { inboxItems, inboxNotes } from './tables';

type Note = z.infer<typeof C.InboxNote>;
type Row = typeof inboxNotes.$inferSelect;

async function requireItem(deps: Deps, actor: Actor, itemId: string) {
  const [item] = await deps.db
    .select({ id: inboxItems.id, text: inboxItems.text })
    .from(inboxItems)
    .where(and(eq(inboxItems.id, itemId), eq(inboxItems.workspaceId, actor.workspaceId)));
  if (!item) throw notFound({ zh: '消息', en: 'Inbox item' });
  return item;
}

function view(r: Row, names: Map<string, string>): Note {
  return {
    id: r.id,
    itemId: r.itemId,
    authorId: r.authorId,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    text: r.text,
    mentions: r.mentions.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id) as string })),
    createdAt: isoOr(r.createdAt),
  };
}

export async function listNotes(deps: Deps, actor: Actor, itemId: string): Promise<Note[]> {
  assertCan(actor.role, 'inbox.work');
  await requireItem(deps, actor, itemId);
  const rows = await deps.db
    .select()
    .from(inboxNotes)
    .where(and(eq(inboxNotes.itemId, itemId), eq(inboxNotes.workspaceId, actor.workspaceId)))
    .orderBy(asc(inboxNotes.createdAt), asc(inboxNotes.id));
  const names = await memberNames(
    deps.db,
    actor.workspaceId,
    rows.flatMap((r) => [r.authorId, ...r.mentions]),
  );
  return rows.map((r) => view(r, names));
}

export async function addNote(deps: Deps, actor: Actor, itemId: string, body: z.infer<typeof C.InboxNoteBody>): Promise<Note> {
  assertCan(actor.role, 'inbox.work');
  const item = await requireItem(deps, actor, itemId);
  return deps.db.transaction(async (tx) => {
    // Only those who can open the inbox: a guest named in a note is neither told nor recorded.
    const mentions = (await mentionedMembers(tx, actor.workspaceId, body.text)).filter((m) => can(m.role, 'inbox.work')).map((m) => m.id);
    const [row] = await tx.insert(inboxNotes).values({ workspaceId: actor.workspaceId, itemId, authorId: actor.userId, text: body.text, mentions }).returning();
    const names = await memberNames(tx, actor.workspaceId, [actor.userId, ...mentions]);
    const others = mentions.filter((id) => id !== actor.userId);
    if (others.length) {
      const who = names.get(actor.userId) ?? '';
      const quote = item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text;
      await notify(
        deps,
        {
          workspaceId: actor.workspaceId,
          kind: 'inbox.mention',
          title: { zh: `${who} 在收件箱的备注中提到了你`, en: `${who} mentioned you in an inbox note` },
          body: { zh: `「${quote}」\n${body.text}`, en: `"${quote}"\n${body.text}` },
          link: `/inbox?item=${itemId}`,
          userIds: others,
          webhooks: false,
        },
        tx,
      );
    }
    return view(row, names);
  });
}
