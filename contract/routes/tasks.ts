import { z } from 'zod';
import { Id, paged, withPage } from '../common';
import * as T from '../tasks';
import { route } from './route';

const IdParam = z.object({ id: Id });

// Tasks: every member but guests works them; templates, capacity and decisions on escalations
// are the managers' (tasks.manage).
export const tasks = {
  listTasks: route({
    method: 'GET',
    path: '/api/v1/tasks',
    access: 'tasks.work',
    query: withPage(T.TaskQuery),
    response: { 200: paged(T.Task) },
    summary:
      '任务列表，按负责人、状态、优先级、截止日期、关键词、关联类型筛选 / Tasks, filtered by assignee, status, priority, due range, keyword, linked kind',
  }),
  createTask: route({
    method: 'POST',
    path: '/api/v1/tasks',
    access: 'tasks.work',
    body: T.CreateTaskBody,
    response: { 200: T.Task },
    summary:
      '新建任务（可为子任务，可关联稿件、选题、反馈、需求、事件）/ Add a task (optionally a subtask, linked to posts, topics, feedback, requests, incidents)',
  }),
  taskBoard: route({
    method: 'GET',
    path: '/api/v1/tasks/board',
    access: 'tasks.work',
    query: T.TaskQuery,
    response: { 200: T.Board },
    summary: '任务看板：按状态分列 / The task board, one column per status',
  }),
  taskWorkload: route({
    method: 'GET',
    path: '/api/v1/tasks/workload',
    access: 'tasks.work',
    response: { 200: T.Workload },
    summary: '未来 14 天每位成员的任务量与超负荷日 / Each member’s open tasks due per day for the next 14 days, overloaded days flagged',
  }),
  taskClashes: route({
    method: 'GET',
    path: '/api/v1/tasks/clashes',
    access: 'tasks.work',
    response: { 200: T.Clashes },
    summary: '冲突：同账号同时段的稿件、超负荷的成员，以及由谁决定 / Clashes: posts for one account in one slot, overloaded members, and who decides',
  }),
  taskSettings: route({
    method: 'GET',
    path: '/api/v1/tasks/settings',
    access: 'tasks.work',
    response: { 200: T.TaskSettings },
    summary: '任务设置：每日容量、逾期升级时长、发布时段 / Task settings: daily capacity, overdue escalation delay, posting slot',
  }),
  updateTaskSettings: route({
    method: 'PATCH',
    path: '/api/v1/tasks/settings',
    access: 'tasks.manage',
    body: T.TaskSettingsBody,
    response: { 200: T.TaskSettings },
    summary: '修改任务设置 / Change the task settings',
  }),
  getTask: route({
    method: 'GET',
    path: '/api/v1/tasks/:id',
    access: 'tasks.work',
    params: IdParam,
    response: { 200: T.TaskDetail },
    summary: '一个任务：子任务、留言、升级记录 / One task with its subtasks, comments and escalations',
  }),
  updateTask: route({
    method: 'PATCH',
    path: '/api/v1/tasks/:id',
    access: 'tasks.work',
    params: IdParam,
    body: T.UpdateTaskBody,
    response: { 200: T.Task },
    summary: '修改任务：状态（看板拖动）、负责人、截止、优先级、关联 / Change a task: status (board drag), assignee, due date, priority, links',
  }),
  commentTask: route({
    method: 'POST',
    path: '/api/v1/tasks/:id/comments',
    access: 'tasks.work',
    params: IdParam,
    body: T.TaskCommentBody,
    response: { 200: T.TaskComment },
    summary: '在任务下留言，@提到的成员会收到通知 / Comment on a task; members @mentioned are notified',
  }),
  escalateTask: route({
    method: 'POST',
    path: '/api/v1/tasks/:id/escalations',
    access: 'tasks.work',
    params: IdParam,
    body: T.EscalateBody,
    response: { 200: T.Escalation },
    summary: '把任务升级给主管决定（须说明原因）/ Escalate a task to the manager, with a reason',
  }),
  listEscalations: route({
    method: 'GET',
    path: '/api/v1/task-escalations',
    access: 'tasks.work',
    query: T.EscalationQuery,
    response: { 200: z.array(T.Escalation) },
    summary: '升级记录（最近 200 条）/ Escalations, latest 200',
  }),
  decideEscalation: route({
    method: 'POST',
    path: '/api/v1/task-escalations/:id/decision',
    access: 'tasks.manage',
    params: IdParam,
    body: T.DecideBody,
    response: { 200: T.Escalation },
    summary: '主管对升级作出决定 / The manager decides an escalation',
  }),
  listTemplates: route({
    method: 'GET',
    path: '/api/v1/task-templates',
    access: 'tasks.work',
    response: { 200: z.array(T.TaskTemplate) },
    summary: '任务模板 / Task templates',
  }),
  createTemplate: route({
    method: 'POST',
    path: '/api/v1/task-templates',
    access: 'tasks.manage',
    body: T.TemplateBody,
    response: { 200: T.TaskTemplate },
    summary: '新建任务模板：有序步骤，可每周自动开始 / Add a template: ordered steps, optionally started every week',
  }),
  updateTemplate: route({
    method: 'PATCH',
    path: '/api/v1/task-templates/:id',
    access: 'tasks.manage',
    params: IdParam,
    body: T.UpdateTemplateBody,
    response: { 200: T.TaskTemplate },
    summary: '修改任务模板（之后的运行生效）/ Change a template (later runs follow it)',
  }),
  startTemplate: route({
    method: 'POST',
    path: '/api/v1/task-templates/:id/start',
    access: 'tasks.work',
    params: IdParam,
    response: { 200: T.Task },
    summary: '开始一次模板：创建第一步的任务 / Start a template: its first step’s task is made',
  }),
};
