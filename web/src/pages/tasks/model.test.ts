import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Member, Task, TaskBoard, Workload } from '../../types';
import {
  assignable,
  boardMove,
  chainLine,
  DRAG_TYPE,
  dayCell,
  dayTitle,
  decidersLine,
  dragStart,
  droppedTask,
  dueRange,
  dueRangeFilters,
  dueShown,
  linkPath,
  memberCards,
  taskBody,
  tasksById,
  templateBody,
  workloadMove,
} from './model';

const ME = '00000000-0000-4000-8000-00000000000a';
const YOU = '00000000-0000-4000-8000-00000000000b';
const task = (id: string, over: Partial<Task> = {}): Task => ({
  id,
  number: 1,
  title: id,
  description: '',
  status: 'todo',
  priority: 'normal',
  assigneeId: ME,
  assigneeName: '我',
  dueAt: null,
  parentId: null,
  links: [],
  templateId: null,
  step: null,
  overdue: false,
  createdBy: null,
  createdAt: '2026-03-01T00:00:00Z',
  doneAt: null,
  updatedAt: '2026-03-01T00:00:00Z',
  ...over,
});
const board: TaskBoard = {
  columns: [
    { status: 'todo', tasks: [task('t1'), task('t2', { assigneeId: YOU })], total: 2 },
    { status: 'doing', tasks: [task('t3', { status: 'doing' })], total: 1 },
    { status: 'done', tasks: [], total: 0 },
    { status: 'cancelled', tasks: [], total: 0 },
  ],
};
type Row = Workload['members'][number];
const day = (d: string, taskIds: string[], extra: Partial<Row['days'][number]> = {}) => ({
  day: d,
  count: taskIds.length,
  overloaded: false,
  taskIds,
  requestIds: [],
  ...extra,
});
const row = (userId: string, days: Row['days']): Row => ({ userId, name: userId, role: 'editor', days, overloadedDays: 0 });

/** A stand-in for the browser's DataTransfer: one value per type. */
const transfer = (data: Record<string, string> = {}) => {
  const dataTransfer = {
    effectAllowed: 'all',
    setData: (type: string, v: string) => {
      data[type] = v;
    },
    getData: (type: string) => data[type] ?? '',
  };
  return { dataTransfer } as unknown as Pick<React.DragEvent, 'dataTransfer'>;
};

describe('list filters in the URL', () => {
  it('shows the due range from dueFrom/dueTo, an open end as empty, a broken day as none', () => {
    expect(dueRange({ dueFrom: '2026-03-02', dueTo: '2026-03-08' })?.map((d) => d?.format('YYYY-MM-DD'))).toEqual(['2026-03-02', '2026-03-08']);
    expect(dueRange({ dueTo: '2026-03-08' })?.map((d) => d?.format('YYYY-MM-DD') ?? null)).toEqual([null, '2026-03-08']);
    expect(dueRange({})).toBeNull();
    expect(dueRange({ dueFrom: 'next week', dueTo: '2026-13-45' })).toBeNull();
  });
  it('writes the picked range back as days; a cleared picker removes both', () => {
    expect(dueRangeFilters([dayjs('2026-03-02T15:00:00'), dayjs('2026-03-08')])).toEqual({ dueFrom: '2026-03-02', dueTo: '2026-03-08' });
    expect(dueRangeFilters([null, dayjs('2026-03-08')])).toEqual({ dueFrom: null, dueTo: '2026-03-08' });
    expect(dueRangeFilters(null)).toEqual({ dueFrom: null, dueTo: null });
  });
});

describe('due date as shown', () => {
  it("is the workspace zone's wall-clock time, red only when the server says overdue; no due time shows nothing", () => {
    const due = '2026-03-05T02:30:00Z';
    expect(dueShown({ dueAt: due, overdue: false }, 'Asia/Shanghai')).toEqual({ text: '2026-03-05 10:30', overdue: false });
    expect(dueShown({ dueAt: due, overdue: true }, 'America/New_York', 'MM-DD HH:mm')).toEqual({ text: '03-04 21:30', overdue: true });
    expect(dueShown({ dueAt: null, overdue: false }, 'Asia/Shanghai')).toBeNull();
  });
});

describe('dragging a card', () => {
  it('carries the task id in our own type; a drag of text or a file is no task', () => {
    const e = transfer();
    dragStart(task('t1'))(e);
    expect(e.dataTransfer.getData(DRAG_TYPE)).toBe('t1');
    expect(e.dataTransfer.effectAllowed).toBe('move');
    expect(droppedTask(e)).toBe('t1');
    expect(droppedTask(transfer({ 'text/plain': 't1' }))).toBeNull();
  });
  it('on the board moves a task to another column, not to its own, and ignores other drags and unknown tasks', () => {
    expect(boardMove(board, 't1', 'doing')).toEqual({ id: 't1', status: 'doing' });
    expect(boardMove(board, 't3', 'done')).toEqual({ id: 't3', status: 'done' });
    expect(boardMove(board, 't3', 'doing')).toBeNull();
    expect(boardMove(board, null, 'doing')).toBeNull();
    expect(boardMove(board, 'gone', 'doing')).toBeNull();
    expect(boardMove(undefined, 't1', 'doing')).toBeNull();
  });
  it('on the workload view gives a task to the member of the row, unless it is already theirs', () => {
    const byId = tasksById(board.columns.flatMap((c) => c.tasks));
    expect(workloadMove(byId, 't1', row(YOU, []))).toEqual({ id: 't1', assigneeId: YOU });
    expect(workloadMove(byId, 't2', row(YOU, []))).toBeNull();
    expect(workloadMove(byId, null, row(YOU, []))).toBeNull();
    expect(workloadMove(byId, 'gone', row(YOU, []))).toBeNull();
  });
});

describe('workload view', () => {
  it("shows a member's cards in the order of their days, skipping tasks the page does not hold", () => {
    const m = row(ME, [day('2026-03-02', ['t3']), day('2026-03-03', []), day('2026-03-04', ['t1', 'gone'])]);
    expect(memberCards(m, tasksById(board.columns.flatMap((c) => c.tasks))).map((x) => x.id)).toEqual(['t3', 't1']);
  });
  it('colours a day red when the server found it over capacity, blue otherwise, and shows nothing on a free day', () => {
    expect(dayCell(day('2026-03-02', ['t1', 't2', 't3'], { overloaded: true }))).toEqual({ count: 3, color: 'red' });
    expect(dayCell(day('2026-03-02', ['t1']))).toEqual({ count: 1, color: 'blue' });
    expect(dayCell({ ...day('2026-03-02', []), requestIds: ['r1'], count: 1 })).toEqual({ count: 1, color: 'blue' });
    expect(dayCell(day('2026-03-02', []))).toBeNull();
    expect(dayTitle('2026-03-02')).toBe('03-02');
  });
});

describe('forms', () => {
  it("sends a new task's due time as picked in the workspace zone, and its posts and topics as links", () => {
    const body = taskBody(
      { title: '配图', priority: 'high', dueAt: dayjs('2026-03-20T09:00:00'), postIds: ['p1'], topicIds: ['s1', 's2'] },
      'parent',
      'Asia/Shanghai',
    );
    expect(body).toEqual({
      title: '配图',
      priority: 'high',
      parentId: 'parent',
      dueAt: '2026-03-20T09:00:00+08:00',
      links: [
        { kind: 'post', id: 'p1' },
        { kind: 'topic', id: 's1' },
        { kind: 'topic', id: 's2' },
      ],
    });
    expect(taskBody({ title: 'x', priority: 'normal' }, undefined, 'UTC')).toEqual({
      title: 'x',
      priority: 'normal',
      parentId: undefined,
      dueAt: null,
      links: [],
    });
  });
  it('sends template steps in the order written, to a role or nobody, 0 days after and 1 day long unless told', () => {
    const body = templateBody({
      name: '周报',
      steps: [
        { title: '收数据', role: 'analyst' },
        { title: '写稿', offsetDays: 1, durationDays: 2 },
        { title: '审核', role: 'reviewer' },
      ],
    });
    expect(body).toEqual({
      name: '周报',
      weekday: null,
      steps: [
        { title: '收数据', assignee: { role: 'analyst' }, offsetDays: 0, durationDays: 1 },
        { title: '写稿', assignee: null, offsetDays: 1, durationDays: 2 },
        { title: '审核', assignee: { role: 'reviewer' }, offsetDays: 0, durationDays: 1 },
      ],
    });
    expect(templateBody({ name: '周会', weekday: 0, steps: [{ title: '纪要' }] }).weekday).toBe(0);
    expect(chainLine(body)).toBe('收数据 → 写稿 → 审核');
  });
  it('offers members but not guests as assignees', () => {
    const m = (userId: string, role: Member['role']): Member => ({ userId, email: `${userId}@x.test`, name: userId, role, joinedAt: '2026-03-01T00:00:00Z' });
    expect(assignable([m('a', 'editor'), m('g', 'guest'), m('o', 'owner')])?.map((x) => x.userId)).toEqual(['a', 'o']);
  });
});

describe('links and deciders', () => {
  it('opens each linked kind on its page; a topic opens the topic list; an unknown kind has no link', () => {
    expect(linkPath({ kind: 'post', id: 'p1' })).toBe('/posts/p1');
    expect(linkPath({ kind: 'topic', id: 's1' })).toBe('/topics');
    expect(linkPath({ kind: 'feedback', id: 'f1' })).toBe('/feedback?open=f1');
    expect(linkPath({ kind: 'request', id: 'r1' })).toBe('/requests/r1');
    expect(linkPath({ kind: 'incident', id: 'i1' })).toBe('/incidents/i1');
    expect(linkPath({ kind: 'meeting', id: 'm1' })).toBeNull();
  });
  it('names who decides clashes, or — when nobody can', () => {
    expect(decidersLine([{ name: '王经理' }, { name: '李主管' }])).toBe('王经理、李主管');
    expect(decidersLine([])).toBe('—');
  });
});
