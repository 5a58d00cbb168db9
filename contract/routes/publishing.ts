import { z } from 'zod';
import { FileBody, Id, paged, withPage } from '../common';
import { CompleteManualBody, ManualKit, Publication, PublicationDetail, PublicationQuery, ResolvePublicationBody, TickBody } from '../content';
import { PauseBody, Workspace } from '../identity';
import { route } from './route';

const IdParam = z.object({ id: Id });

export const publishing = {
  listPublications: route({
    method: 'GET',
    path: '/api/v1/publications',
    access: 'member',
    query: withPage(PublicationQuery),
    response: { 200: paged(Publication) },
    summary: '发布任务列表 / Publications',
  }),
  getPublication: route({
    method: 'GET',
    path: '/api/v1/publications/:id',
    access: 'member',
    params: IdParam,
    response: { 200: PublicationDetail },
    summary: '发布任务详情与每次尝试 / A publication with every attempt',
  }),
  retryPublication: route({
    method: 'POST',
    path: '/api/v1/publications/:id/retry',
    access: 'publishing.control',
    params: IdParam,
    response: { 200: Publication },
    summary: '立即重试未发出的发布任务 / Retry a publication that did not go out, now',
  }),
  resolvePublication: route({
    method: 'POST',
    path: '/api/v1/publications/:id/resolve',
    access: 'publishing.control',
    params: IdParam,
    body: ResolvePublicationBody,
    response: { 200: Publication },
    summary: '人工核对结果：已发布（附链接）或未发出（重新发送）/ A person\'s check: published (with its link) or not sent (send it again)',
  }),
  completeManual: route({
    method: 'POST',
    path: '/api/v1/publications/:id/complete',
    access: 'member',
    params: IdParam,
    body: CompleteManualBody,
    response: { 200: Publication },
    summary: '已在平台 App 中手动发布（附线上链接）/ Published by hand in the platform\'s app (with its live link)',
  }),
  manualKit: route({
    method: 'GET',
    path: '/api/v1/publications/:id/kit',
    access: 'member',
    params: IdParam,
    response: { 200: ManualKit },
    summary: '手动发布素材包：可粘贴的文案、素材、清单与转交链接 / The manual kit: ready-to-paste text, media, checklist and the hand-off link',
  }),
  manualKitZip: route({
    method: 'GET',
    path: '/api/v1/publications/:id/kit.zip',
    access: 'member',
    params: IdParam,
    response: { 200: FileBody },
    binary: ['application/zip'],
    summary: '下载素材包（text.txt 与该平台版本的全部素材）/ Download the kit (text.txt and every media file of the variant)',
  }),
  tickChecklist: route({
    method: 'POST',
    path: '/api/v1/publications/:id/checklist',
    access: 'member',
    params: IdParam,
    body: TickBody,
    response: { 200: ManualKit },
    summary: '勾选或取消手动发布清单项（记录人与时间）/ Tick or untick a checklist item (who and when are kept)',
  }),
  renewHandoff: route({
    method: 'POST',
    path: '/api/v1/publications/:id/handoff/renew',
    access: 'member',
    params: IdParam,
    response: { 200: ManualKit },
    summary: '重新生成转交链接（原链接过期时）/ A new hand-off link (when the old one expired)',
  }),
  pause: route({
    method: 'POST',
    path: '/api/v1/workspace/pause',
    access: 'publishing.control',
    body: PauseBody,
    response: { 200: Workspace },
    summary: '暂停本工作区的全部发布 / Pause all publishing in the workspace',
  }),
  resume: route({
    method: 'POST',
    path: '/api/v1/workspace/resume',
    access: 'publishing.control',
    response: { 200: Workspace },
    summary: '恢复发布 / Resume publishing',
  }),
};
