import { z } from 'zod';
import { Id, paged, withPage } from '../common';
import { PostDetail, Topic } from '../content';
import { Task } from '../tasks';
import * as Q from '../requests';
import { route } from './route';

const IdParam = z.object({ id: Id });

// Requests from other departments: every role submits (guests included) and sees its own; those
// who work requests see the workspace's; managers define the types and the joint campaigns.
// Scoped in the service: another member's request is a 404 to a guest.
export const requests = {
  listRequestTypes: route({
    method: 'GET',
    path: '/api/v1/request-types',
    access: 'requests.submit',
    query: Q.RequestTypeQuery,
    response: { 200: z.array(Q.RequestType) },
    summary: '需求类型及其表单（首次使用时建好四个默认类型）/ Request types and their forms (the four defaults are made on first use)',
  }),
  createRequestType: route({
    method: 'POST',
    path: '/api/v1/request-types',
    access: 'requests.manage',
    body: Q.RequestTypeBody,
    response: { 200: Q.RequestType },
    summary: '新建需求类型：字段、负责人、默认期限 / Add a request type: fields, owner, default due days',
  }),
  updateRequestType: route({
    method: 'PATCH',
    path: '/api/v1/request-types/:id',
    access: 'requests.manage',
    params: IdParam,
    body: Q.UpdateRequestTypeBody,
    response: { 200: Q.RequestType },
    summary: '修改或停用需求类型 / Change or archive a request type',
  }),
  listRequests: route({
    method: 'GET',
    path: '/api/v1/requests',
    access: 'requests.submit',
    query: withPage(Q.RequestQuery),
    response: { 200: paged(Q.Request) },
    summary: '需求列表（访客只看到自己提交的）/ Requests (a guest sees only their own)',
  }),
  submitRequest: route({
    method: 'POST',
    path: '/api/v1/requests',
    access: 'requests.submit',
    body: Q.SubmitRequestBody,
    response: { 200: Q.Request },
    summary: '提交需求：按类型分派给负责人并定下期限 / Submit a request: routed by its type to an owner with a due date',
  }),
  getRequest: route({
    method: 'GET',
    path: '/api/v1/requests/:id',
    access: 'requests.submit',
    params: IdParam,
    response: { 200: Q.RequestDetail },
    summary: '一条需求及其记录 / One request with its history',
  }),
  updateRequest: route({
    method: 'PATCH',
    path: '/api/v1/requests/:id',
    access: 'requests.work',
    params: IdParam,
    body: Q.UpdateRequestBody,
    response: { 200: Q.Request },
    summary: '改状态（拒绝须写原因）、负责人、期限、所属活动 / Change status (declining needs a reason), owner, due date, campaign',
  }),
  commentRequest: route({
    method: 'POST',
    path: '/api/v1/requests/:id/comments',
    access: 'requests.submit',
    params: IdParam,
    body: Q.RequestCommentBody,
    response: { 200: Q.RequestEvent },
    summary: '需求下的留言（提交人与负责人之间）/ Comment on a request (between requester and owner)',
  }),
  requestToPost: route({
    method: 'POST',
    path: '/api/v1/requests/:id/post',
    access: 'requests.work',
    params: IdParam,
    body: Q.RequestToPostBody,
    response: { 200: PostDetail },
    summary: '把需求转为稿件（双向关联）/ Turn a request into a post (linked both ways)',
  }),
  requestToTopic: route({
    method: 'POST',
    path: '/api/v1/requests/:id/topic',
    access: 'requests.work',
    params: IdParam,
    body: Q.RequestToTopicBody,
    response: { 200: Topic },
    summary: '把需求转为选题 / Turn a request into a topic',
  }),
  requestToTask: route({
    method: 'POST',
    path: '/api/v1/requests/:id/task',
    access: 'requests.work',
    params: IdParam,
    body: Q.RequestToTaskBody,
    response: { 200: Task },
    summary: '把需求转为任务（指派给需求负责人，截止时间相同）/ Turn a request into a task (for its owner, due when it is)',
  }),
  listCampaigns: route({
    method: 'GET',
    path: '/api/v1/campaigns',
    access: 'requests.submit',
    query: withPage(Q.CampaignQuery),
    response: { 200: paged(Q.Campaign) },
    summary: '联合活动（访客只看到其部门参与的）/ Joint campaigns (a guest sees those of their departments)',
  }),
  createCampaign: route({
    method: 'POST',
    path: '/api/v1/campaigns',
    access: 'requests.manage',
    body: Q.CampaignBody,
    response: { 200: Q.Campaign },
    summary: '新建联合活动：参与部门、共同目标、日期 / Add a joint campaign: departments, shared goals, dates',
  }),
  updateCampaign: route({
    method: 'PATCH',
    path: '/api/v1/campaigns/:id',
    access: 'requests.manage',
    params: IdParam,
    body: Q.UpdateCampaignBody,
    response: { 200: Q.Campaign },
    summary: '修改联合活动 / Change a joint campaign',
  }),
  getCampaign: route({
    method: 'GET',
    path: '/api/v1/campaigns/:id',
    access: 'requests.submit',
    params: IdParam,
    response: { 200: Q.CampaignDetail },
    summary: '联合活动：目标进度与共享日历（经由其需求关联的稿件）/ A joint campaign: its goals and shared calendar (the posts of its requests)',
  }),
};
