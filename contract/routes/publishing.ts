import { z } from 'zod';
import { Id, paged, withPage } from '../common';
import { CompleteManualBody, Publication, PublicationDetail, PublicationQuery, ResolvePublicationBody } from '../content';
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
