import { z } from 'zod';
import { Id, Ok, Page, paged, withPage } from '../common';
import * as C from '../notify';
import { route } from './route';

const IdParam = z.object({ id: Id });

export const notify = {
  listNotifications: route({
    method: 'GET',
    path: '/api/v1/notifications',
    access: 'member',
    query: withPage(C.NotificationQuery),
    response: { 200: paged(C.Notification) },
    summary: '我的通知（当前工作区）/ My notifications (current workspace)',
  }),
  unreadCount: route({
    method: 'GET',
    path: '/api/v1/notifications/unread-count',
    access: 'member',
    response: { 200: C.NotificationUnreadCount },
    summary: '未读通知数 / Unread notifications',
  }),
  markRead: route({
    method: 'POST',
    path: '/api/v1/notifications/:id/read',
    access: 'member',
    params: IdParam,
    response: { 200: C.Notification },
    summary: '标为已读（别人的通知 404）/ Mark read (404 for anyone else’s)',
  }),
  markAllRead: route({
    method: 'POST',
    path: '/api/v1/notifications/read-all',
    access: 'member',
    body: C.NotificationsReadAllBody.optional(),
    response: { 200: C.NotificationsReadAllResult },
    summary: '全部标为已读（可按类型前缀）/ Mark all read (optionally by kind prefix)',
  }),

  listChannels: route({
    method: 'GET',
    path: '/api/v1/notify/channels',
    access: 'member',
    query: Page,
    response: { 200: paged(C.NotifyChannel) },
    summary: '群机器人通道 / Group-robot channels',
  }),
  createChannel: route({
    method: 'POST',
    path: '/api/v1/notify/channels',
    access: 'workspace.manage',
    body: C.CreateNotifyChannelBody,
    response: { 201: C.NotifyChannel },
    summary: '新建通道（地址打码返回，密钥从不返回）/ Create a channel (URL masked, secret never returned)',
  }),
  getChannel: route({
    method: 'GET',
    path: '/api/v1/notify/channels/:id',
    access: 'member',
    params: IdParam,
    response: { 200: C.NotifyChannel },
    summary: '通道详情 / A channel',
  }),
  updateChannel: route({
    method: 'PATCH',
    path: '/api/v1/notify/channels/:id',
    access: 'workspace.manage',
    params: IdParam,
    body: C.UpdateNotifyChannelBody,
    response: { 200: C.NotifyChannel },
    summary: '修改通道 / Change a channel',
  }),
  deleteChannel: route({
    method: 'DELETE',
    path: '/api/v1/notify/channels/:id',
    access: 'workspace.manage',
    params: IdParam,
    response: { 200: Ok },
    summary: '删除通道 / Delete a channel',
  }),
  testChannel: route({
    method: 'POST',
    path: '/api/v1/notify/channels/:id/test',
    access: 'workspace.manage',
    params: IdParam,
    response: { 200: C.NotifyTestResult },
    summary: '立即发送测试消息并记录 / Send a test message now, logged',
  }),
  listDeliveries: route({
    method: 'GET',
    path: '/api/v1/notify/channels/:id/deliveries',
    access: 'member',
    params: IdParam,
    query: Page,
    response: { 200: paged(C.NotifyDelivery) },
    summary: '通道的投递记录 / Deliveries of a channel',
  }),
};
