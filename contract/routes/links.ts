import { z } from 'zod';
import { FileBody, Id, paged, text } from '../common';
import * as L from '../links';
import { route } from './route';

const IdParam = z.object({ id: Id });
const CodeParam = z.object({ code: text().max(64) });

// Short links: every member reads them and their figures, writers make and change them, managers
// hold the webhook secret. The redirect, the pixel and the webhook are public (the webhook is
// verified by its signature).
export const links = {
  listLinks: route({
    method: 'GET',
    path: '/api/v1/links',
    access: 'member',
    query: L.LinkQuery,
    response: { 200: paged(L.Link) },
    summary: '短链列表（按短码、目标地址、活动搜索，按稿件或活动筛选）/ Short links (search code, target, campaign; filter by post or campaign)',
  }),
  createLink: route({
    method: 'POST',
    path: '/api/v1/links',
    access: 'links.write',
    body: L.CreateLinkBody,
    response: { 201: L.Link },
    summary: '为稿件、平台版本或发布生成短链（带 UTM 参数）/ Make a short link for a post, variant or publication (with UTM parameters)',
  }),
  updateLink: route({
    method: 'PATCH',
    path: '/api/v1/links/:id',
    access: 'links.write',
    params: IdParam,
    body: L.UpdateLinkBody,
    response: { 200: L.Link },
    summary: '修改短链的目标地址、活动、UTM 参数或归档 / Change a link target, campaign, UTM parameters, or archive it',
  }),
  linkStats: route({
    method: 'GET',
    path: '/api/v1/links/:id/stats',
    access: 'member',
    params: IdParam,
    query: L.LinkStatsQuery,
    response: { 200: L.LinkStats },
    summary: '短链每日点击、预览与转化 / A link clicks, previews and conversions by day',
  }),
  exportLinks: route({
    method: 'GET',
    path: '/api/v1/links/export',
    access: 'member',
    query: L.LinkQuery,
    response: { 200: FileBody },
    binary: ['text/csv'],
    summary: '导出短链及点击、转化（CSV）/ Export the links with clicks and conversions (CSV)',
  }),
  getWebhook: route({
    method: 'GET',
    path: '/api/v1/links/webhook',
    access: 'links.webhook',
    response: { 200: L.WebhookSettings },
    summary: '转化回传设置（地址；密钥不再显示）/ The conversion webhook settings (its URL; the secret is never shown again)',
  }),
  rotateWebhook: route({
    method: 'POST',
    path: '/api/v1/links/webhook/rotate',
    access: 'links.webhook',
    response: { 200: L.WebhookSecret },
    summary:
      '生成或更换转化回传的签名密钥（只显示一次，旧密钥立即失效）/ Generate or rotate the webhook signing secret (shown once; the old one stops working)',
  }),
  redirect: route({
    method: 'GET',
    path: '/l/:code',
    access: 'public',
    params: CodeParam,
    response: { 302: FileBody },
    binary: ['text/html'],
    summary:
      '短链跳转（计点击，不存个人信息；未知或已归档为 404 页面）/ Short link redirect (clicks counted, nothing personal stored; 404 page when unknown or archived)',
  }),
  pixel: route({
    method: 'GET',
    path: '/px/:code.gif',
    access: 'public',
    params: CodeParam,
    query: L.PixelQuery,
    response: { 200: FileBody },
    binary: ['image/gif'],
    summary: '转化像素：1×1 GIF，记录一次转化（按 event_id 去重）/ Conversion pixel: a 1×1 GIF that records a conversion (once per event_id)',
  }),
  conversionHook: route({
    method: 'POST',
    path: '/api/v1/conversions/:workspaceKey',
    access: 'public',
    params: z.object({ workspaceKey: text().max(64) }),
    body: L.ConversionBody,
    response: { 200: L.ConversionResult },
    summary: '转化回传（X-Meiyun-Signature 签名；同一 event_id 只记一次）/ Conversion webhook (signed with X-Meiyun-Signature; one row per event_id)',
  }),
};
