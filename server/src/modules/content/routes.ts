import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf, readUpload } from '../../http';
import { AppError } from '../../lib/errors';
import { on } from '../../route';
import * as mediaSvc from './media';
import * as postsSvc from './posts';
import * as topicsSvc from './topics';
import * as uploads from './uploads';
import * as flow from './workflow';

export async function contentRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.content;
  const ok = { ok: true as const };

  on(app, r.listTopics, async (req) => topicsSvc.listTopics(deps, actorOf(req), req.query));
  on(app, r.createTopic, async (req, reply) => {
    reply.status(201);
    return topicsSvc.createTopic(deps, actorOf(req), req.body);
  });
  on(app, r.updateTopic, async (req) => topicsSvc.updateTopic(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deleteTopic, async (req) => {
    await topicsSvc.deleteTopic(deps, actorOf(req), req.params.id);
    return ok;
  });

  on(app, r.listMedia, async (req) => mediaSvc.listMedia(deps, actorOf(req), req.query));
  on(app, r.uploadMedia, async (req, reply) => {
    const actor = actorOf(req);
    const file = await readUpload(req, r.uploadMedia.upload.field);
    reply.status(201);
    return mediaSvc.uploadMedia(deps, actor, file);
  });
  on(app, r.createUpload, async (req, reply) => {
    reply.status(201);
    return uploads.createUpload(deps, actorOf(req), req.body);
  });
  on(app, r.uploadStatus, async (req) => uploads.uploadStatus(deps, actorOf(req), req.params.id));
  // The raw chunk parser lives in its own plugin scope: no other route accepts raw bytes.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', { parseAs: 'buffer', bodyLimit: uploads.CHUNK_SIZE }, (_req, body, done) => done(null, body));
    on(scope, r.uploadChunk, async (req) => {
      const offset = Number(req.headers['upload-offset']);
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body) || !Number.isSafeInteger(offset) || offset < 0) {
        throw new AppError('validation_failed', {
          zh: '需要 Upload-Offset 请求头和 application/offset+octet-stream 正文',
          en: 'An Upload-Offset header and an application/offset+octet-stream body are required',
        });
      }
      return uploads.putChunk(deps, actorOf(req), req.params.id, offset, body);
    });
  });
  on(app, r.mediaFile, async (req, reply) => {
    const m = await mediaSvc.findMedia(deps, actorOf(req).workspaceId, req.params.id);
    reply.header('content-type', m.contentType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff');
    return reply.send(deps.storage.stream(m.storageKey));
  });

  on(app, r.listPosts, async (req) => postsSvc.listPosts(deps, actorOf(req), req.query));
  on(app, r.createPost, async (req, reply) => {
    reply.status(201);
    return postsSvc.createPost(deps, actorOf(req), req.body);
  });
  on(app, r.getPost, async (req) => postsSvc.getPost(deps, actorOf(req), req.params.id));
  on(app, r.updatePost, async (req) => postsSvc.updatePost(deps, actorOf(req), req.params.id, req.body));
  on(app, r.deletePost, async (req) => {
    await postsSvc.deletePost(deps, actorOf(req), req.params.id);
    return ok;
  });
  on(app, r.putVariant, async (req) => postsSvc.putVariant(deps, actorOf(req), req.params.id, req.params.accountId, req.body));
  on(app, r.listVersions, async (req) => postsSvc.listVersions(deps, actorOf(req), req.params.id));
  on(app, r.listComments, async (req) => postsSvc.listComments(deps, actorOf(req), req.params.id));
  on(app, r.addComment, async (req, reply) => {
    reply.status(201);
    return postsSvc.addComment(deps, actorOf(req), req.params.id, req.body.body);
  });
  on(app, r.submitPost, async (req) => flow.submitForReview(deps, actorOf(req), req.params.id));
  on(app, r.reviewPost, async (req) => flow.review(deps, actorOf(req), req.params.id, req.body.decision, req.body.comment));
  on(app, r.schedulePost, async (req) => flow.schedule(deps, actorOf(req), req.params.id, req.body.scheduledAt, req.body.deliveries));
  on(app, r.unschedulePost, async (req) => flow.schedule(deps, actorOf(req), req.params.id, null));
  on(app, r.reviewQueue, async (req) => flow.reviewQueue(deps, actorOf(req), req.query));
  on(app, r.calendar, async (req) => flow.calendar(deps, actorOf(req), req.query));
}
