import { z } from 'zod';
import { Id } from '../common';
import * as C from '../originality';
import { route } from './route';

export const originality = {
  postOriginality: route({
    method: 'GET',
    path: '/api/v1/posts/:id/originality',
    access: 'member',
    params: z.object({ id: Id }),
    response: { 200: C.OriginalityResult },
    summary: '保存的稿件与工作区其他稿件的相似度 / The saved post against the workspace’s other posts',
  }),
  checkDraft: route({
    method: 'POST',
    path: '/api/v1/originality/check',
    access: 'content.write',
    body: C.OriginalityCheckBody,
    response: { 200: C.OriginalityResult },
    summary: '检查编辑器中未保存的文字（只读）/ Check the editor’s unsaved text (reads only)',
  }),
  getSettings: route({
    method: 'GET',
    path: '/api/v1/originality/settings',
    access: 'member',
    response: { 200: C.OriginalitySettings },
    summary: '原创度阈值 / Originality threshold',
  }),
  updateSettings: route({
    method: 'PATCH',
    path: '/api/v1/originality/settings',
    access: 'workspace.manage',
    body: C.OriginalitySettingsBody,
    response: { 200: C.OriginalitySettings },
    summary: '修改原创度阈值 / Change the originality threshold',
  }),
};
