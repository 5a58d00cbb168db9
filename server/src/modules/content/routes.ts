import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, Page } from '../../../../contract/common';
import * as C from '../../../../contract/content';
import type { Deps } from '../../context';
import { actorOf, readUpload } from '../../http';
import * as mediaSvc from './media';
import * as postsSvc from './posts';
import * as topicsSvc from './topics';
import * as flow from './workflow';

export async function contentRoutes(app0: FastifyInstance, deps: Deps) {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const IdParam = z.object({ id: Id });
  const ok = { ok: true as const };

  app.get('/api/v1/topics', { schema: { querystring: Page.extend({ status: C.TopicStatus.optional(), q: z.string().max(100).optional() }) } }, async (req) =>
    topicsSvc.listTopics(deps, actorOf(req), req.query),
  );
  app.post('/api/v1/topics', { schema: { body: C.TopicBody } }, async (req, reply) => {
    reply.status(201);
    return topicsSvc.createTopic(deps, actorOf(req), req.body);
  });
  app.patch('/api/v1/topics/:id', { schema: { params: IdParam, body: C.TopicBody.partial() } }, async (req) =>
    topicsSvc.updateTopic(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/topics/:id', { schema: { params: IdParam } }, async (req) => {
    await topicsSvc.deleteTopic(deps, actorOf(req), req.params.id);
    return ok;
  });

  app.get('/api/v1/media', { schema: { querystring: Page } }, async (req) => mediaSvc.listMedia(deps, actorOf(req), req.query));
  app.post('/api/v1/media', async (req, reply) => {
    const actor = actorOf(req);
    const file = await readUpload(req, 'file');
    reply.status(201);
    return mediaSvc.uploadMedia(deps, actor, file);
  });
  app.get('/api/v1/media/:id/file', { schema: { params: IdParam } }, async (req, reply) => {
    const m = await mediaSvc.findMedia(deps, actorOf(req).workspaceId, req.params.id);
    reply.header('content-type', m.contentType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff');
    return reply.send(deps.storage.stream(m.storageKey));
  });

  app.get('/api/v1/posts', { schema: { querystring: C.PostQuery.extend(Page.shape) } }, async (req) => postsSvc.listPosts(deps, actorOf(req), req.query));
  app.post('/api/v1/posts', { schema: { body: C.CreatePostBody } }, async (req, reply) => {
    reply.status(201);
    return postsSvc.createPost(deps, actorOf(req), req.body);
  });
  app.get('/api/v1/posts/:id', { schema: { params: IdParam } }, async (req) => postsSvc.getPost(deps, actorOf(req), req.params.id));
  app.patch('/api/v1/posts/:id', { schema: { params: IdParam, body: C.UpdatePostBody } }, async (req) =>
    postsSvc.updatePost(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/posts/:id', { schema: { params: IdParam } }, async (req) => {
    await postsSvc.deletePost(deps, actorOf(req), req.params.id);
    return ok;
  });
  app.put('/api/v1/posts/:id/variants/:accountId', { schema: { params: IdParam.extend({ accountId: Id }), body: C.VariantBody } }, async (req) =>
    postsSvc.putVariant(deps, actorOf(req), req.params.id, req.params.accountId, req.body),
  );
  app.get('/api/v1/posts/:id/versions', { schema: { params: IdParam } }, async (req) => postsSvc.listVersions(deps, actorOf(req), req.params.id));
  app.get('/api/v1/posts/:id/comments', { schema: { params: IdParam } }, async (req) => postsSvc.listComments(deps, actorOf(req), req.params.id));
  app.post('/api/v1/posts/:id/comments', { schema: { params: IdParam, body: C.CommentBody } }, async (req, reply) => {
    reply.status(201);
    return postsSvc.addComment(deps, actorOf(req), req.params.id, req.body.body);
  });
  app.post('/api/v1/posts/:id/submit', { schema: { params: IdParam } }, async (req) => flow.submitForReview(deps, actorOf(req), req.params.id));
  app.post('/api/v1/posts/:id/review', { schema: { params: IdParam, body: C.ReviewBody } }, async (req) =>
    flow.review(deps, actorOf(req), req.params.id, req.body.decision, req.body.comment),
  );
  app.post('/api/v1/posts/:id/schedule', { schema: { params: IdParam, body: C.ScheduleBody } }, async (req) =>
    flow.schedule(deps, actorOf(req), req.params.id, req.body.scheduledAt),
  );
  app.post('/api/v1/posts/:id/unschedule', { schema: { params: IdParam } }, async (req) => flow.schedule(deps, actorOf(req), req.params.id, null));
  app.get('/api/v1/review-queue', { schema: { querystring: Page } }, async (req) => flow.reviewQueue(deps, actorOf(req), req.query));
  app.get('/api/v1/calendar', { schema: { querystring: C.CalendarQuery } }, async (req) => flow.calendar(deps, actorOf(req), req.query));
}
