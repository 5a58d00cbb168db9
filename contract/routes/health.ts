import { z } from 'zod';
import { route } from './route';

export const health = {
  health: route({
    method: 'GET',
    path: '/api/v1/health',
    access: 'public',
    response: { 200: z.object({ ok: z.literal(true), db: z.literal('up') }) },
    summary: '健康检查：数据库可用时 200 / Health: 200 once the database answers',
  }),
};
