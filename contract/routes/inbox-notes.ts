import { z } from 'zod';
import { Id } from '../common';
import * as N from '../inbox-notes';
import { route } from './route';

const IdParam = z.object({ id: Id });

export const inboxNotes = {
  listInboxNotes: route({
    method: 'GET',
    path: '/api/v1/inbox/:id/notes',
    access: 'inbox.work',
    params: IdParam,
    response: { 200: z.array(N.InboxNote) },
    summary: '一条消息的内部备注（只有团队看得到）/ The internal notes on an item (the team only)',
  }),
  addInboxNote: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/notes',
    access: 'inbox.work',
    params: IdParam,
    body: N.InboxNoteBody,
    response: { 200: N.InboxNote },
    summary: '添加内部备注，@成员 会通知对方 / Add an internal note; @name notifies that member',
  }),
};
