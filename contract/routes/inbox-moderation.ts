import { z } from 'zod';
import { Id } from '../common';
import * as I from '../inbox';
import * as M from '../inbox-moderation';
import { route } from './route';

const IdParam = z.object({ id: Id });

export const inboxModeration = {
  inboxItemModeration: route({
    method: 'GET',
    path: '/api/v1/inbox/:id/moderation',
    access: 'inbox.work',
    params: IdParam,
    response: { 200: M.InboxModeration },
    summary: '这条评论能否精选、隐藏，不能时说明原因 / Whether this comment can be featured or hidden, and why not',
  }),
  featureInboxItem: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/feature',
    access: 'inbox.work',
    params: IdParam,
    body: M.FeatureInboxBody,
    response: { 200: I.InboxItem },
    summary: '在平台上设为精选或取消精选 / Feature (精选) or unfeature the comment on the platform',
  }),
  hideInboxItem: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/hide',
    access: 'inbox.hide',
    params: IdParam,
    response: { 200: I.InboxItem },
    summary: '在平台上删除评论（无法撤销），收件箱保留记录 / Delete the comment on the platform (cannot be undone); the inbox keeps it for the record',
  }),
};
