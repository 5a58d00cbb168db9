import type { FastifyInstance } from 'fastify';
import { R } from '../../../../contract/routes';
import type { Deps } from '../../context';
import { actorOf } from '../../http';
import { on } from '../../route';
import * as campaigns from './campaigns';
import { requestToPost, requestToTask, requestToTopic } from './links';
import * as requests from './service';
import * as types from './types';

export async function requestsRoutes(app: FastifyInstance, deps: Deps) {
  const r = R.requests;
  on(app, r.listRequestTypes, async (req) => types.listTypes(deps, actorOf(req), req.query));
  on(app, r.createRequestType, async (req) => types.createType(deps, actorOf(req), req.body));
  on(app, r.updateRequestType, async (req) => types.updateType(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listRequests, async (req) => requests.listRequests(deps, actorOf(req), req.query));
  on(app, r.submitRequest, async (req) => requests.submitRequest(deps, actorOf(req), req.body));
  on(app, r.getRequest, async (req) => requests.getRequest(deps, actorOf(req), req.params.id));
  on(app, r.updateRequest, async (req) => requests.updateRequest(deps, actorOf(req), req.params.id, req.body));
  on(app, r.commentRequest, async (req) => requests.commentRequest(deps, actorOf(req), req.params.id, req.body));
  on(app, r.requestToPost, async (req) => requestToPost(deps, actorOf(req), req.params.id, req.body));
  on(app, r.requestToTopic, async (req) => requestToTopic(deps, actorOf(req), req.params.id, req.body));
  on(app, r.requestToTask, async (req) => requestToTask(deps, actorOf(req), req.params.id, req.body));
  on(app, r.listCampaigns, async (req) => campaigns.listCampaigns(deps, actorOf(req), req.query));
  on(app, r.createCampaign, async (req) => campaigns.createCampaign(deps, actorOf(req), req.body));
  on(app, r.updateCampaign, async (req) => campaigns.updateCampaign(deps, actorOf(req), req.params.id, req.body));
  on(app, r.getCampaign, async (req) => campaigns.getCampaign(deps, actorOf(req), req.params.id));
}
