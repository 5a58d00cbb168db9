// Training in two browsers: the manager (the owner) schedules a session in 培训与招聘 → 培训 with a
// two-question quiz and invites an editor; the editor sees it, takes the quiz with one answer
// wrong and one right and is shown 1/2 (50%), not passed; the manager marks them present; the
// editor's training record shows the session as attended with the score. Edited, it moves room and
// becomes a 分享会 in the drawer and the list. Cancelled with a reason,
// the session shows as cancelled to the editor and offers no quiz.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shot, stepper, until, visibleText, withFailureShots } from './harness';
import { cjk, nav, noErrorAlert, ownerSession, type Person, pickOption, toast } from './ui';

const T = 'people-training';
const lead: Person = { name: '运营主管', email: 'lead@training.test', password: 'correct-horse-9' };
const editor: Person = { name: '小编阿青', email: 'qing@training.test', password: 'correct-horse-9' };
const TITLE = '广告法与风险词培训';

const session = ownerSession(T, lead, '培训组');
const { pages } = session;

/** Three days from now at 10:00, as the picker shows it. */
function inThreeDays(): string {
  const d = new Date(Date.now() + 3 * 86400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} 10:00`;
}

test('a scheduled quiz is taken by the invitee, scored as they see it, attendance marked, and the record shows it', { timeout: 240_000 }, (t) =>
  withFailureShots(T, pages, async () => {
    const owner = session.page;
    const step = stepper(t);
    const res = await owner.request.post('/api/v1/invitations', { data: { email: editor.email, role: 'editor' } });
    assert.ok(res.ok(), `invite: ${res.status()} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    const member = await session.open('editor');
    await member.goto(`/invite?token=${encodeURIComponent(token)}`);
    await member.getByTestId('invite-name').fill(editor.name);
    await member.getByTestId('invite-password').fill(editor.password);
    await member.getByTestId('invite-confirm').fill(editor.password);
    await member.getByTestId('invite-submit').click();
    await member.getByTestId('user-menu').filter({ hasText: editor.name }).waitFor();

    step('the manager schedules a session with a two-question quiz and invites the editor');
    await nav(owner, 'people', '培训与招聘');
    await owner.getByTestId('people-session-create').click();
    const dialog = owner.getByRole('dialog').filter({ hasText: '安排培训' });
    await dialog.getByTestId('people-session-title').fill(TITLE);
    const when = dialog.getByTestId('people-session-starts');
    await when.click();
    await when.fill(inThreeDays());
    await when.press('Enter');
    await pickOption(owner, dialog.getByTestId('people-session-invitees'), editor.name);
    await dialog.getByLabel('或外部主讲人').click(); // closes the invitee list
    await dialog.getByLabel('或外部主讲人').fill('外部讲师 李老师');
    await dialog.getByTestId('people-session-quiz').fill('「国家级」属于？|广告法禁用词|普通词|1\n发布前必须？|直接发|过审核|2');
    await owner.getByTestId('people-session-save').click();
    await toast(owner, '已安排，受邀人已收到通知');
    await owner.getByTestId(`people-session-${TITLE}`).waitFor();
    await noErrorAlert(owner);

    step('the editor sees it and takes the quiz: one wrong, one right');
    await nav(member, 'people', '培训与招聘');
    await member.getByTestId(`people-session-${TITLE}`).click();
    const drawer = member.locator('.ant-drawer');
    await drawer.getByText('外部讲师 李老师').waitFor();
    await drawer.getByText('普通词', { exact: true }).click(); // wrong
    await drawer.getByText('过审核', { exact: true }).click(); // right
    await drawer.getByTestId('people-quiz-submit').click();
    const result = drawer.getByTestId('people-quiz-result');
    await result.waitFor();
    assert.equal(await visibleText(result), '得分 1/2（50%），未通过');
    await shot(member, T, 'quiz-result');

    step('the manager sees the score and marks the editor present');
    await owner.getByTestId(`people-session-${TITLE}`).click();
    const od = owner.locator('.ant-drawer');
    await until('the score to show', async () => (await visibleText(od.locator('.ant-tag').first())) === '1');
    await pickOption(owner, od.getByTestId(`people-attendance-${editor.name}`), '出席');
    await until('present to be saved', async () => (await visibleText(od.getByTestId(`people-attendance-${editor.name}`))) === '出席');
    await noErrorAlert(owner);
    await shot(owner, T, 'attendance');

    step("the editor's training record shows the session");
    await member.reload();
    const row = member.getByTestId('people-record-session').filter({ hasText: TITLE });
    await row.waitFor();
    const text = await visibleText(row);
    assert.match(text, /出席/);
    assert.match(text, /测验 1 未通过/);
    assert.match(await visibleText(member.locator('.ant-alert').filter({ hasText: '我的培训记录' })), /受邀 1 场，出席 1 场，通过测验 0 次/);
    await shot(member, T, 'record');

    step('the manager moves it to another room and makes it a 分享会 (the quiz, already taken, is left as it is)');
    await od.getByRole('button', { name: cjk('修改') }).click();
    const edit = owner.getByRole('dialog').filter({ hasText: '修改培训' });
    await edit.getByText('已有人参加测验，测验不能再修改').waitFor();
    await edit.getByLabel('地点或会议链接').fill('5 楼大会议室');
    await pickOption(owner, edit.getByTestId('people-session-kind'), '分享会');
    await owner.getByTestId('people-session-save').click();
    await toast(owner, '已保存');
    await od.getByText('5 楼大会议室').waitFor();
    await od.getByText('分享会', { exact: true }).waitFor();
    await owner.getByRole('row').filter({ hasText: TITLE }).getByText('分享会', { exact: true }).waitFor();
    await noErrorAlert(owner);

    step('the manager cancels it with a reason; the editor sees it cancelled, with no quiz to take');
    await od.getByRole('button', { name: cjk('取消培训') }).click();
    const cancel = owner.getByRole('dialog').filter({ hasText: '取消原因' });
    await cancel.locator('textarea').fill('讲师临时出差');
    await cancel.getByRole('button', { name: cjk('确定') }).click();
    await od.getByText('已取消：讲师临时出差').waitFor();
    assert.equal(await od.getByRole('button', { name: cjk('修改') }).count(), 0, 'a cancelled session is not edited');
    await member.reload();
    await member.getByRole('row').filter({ hasText: TITLE }).getByText('已取消').waitFor();
    await member.getByTestId(`people-session-${TITLE}`).click();
    await drawer.getByText('已取消：讲师临时出差').waitFor();
    assert.equal(await drawer.getByTestId('people-quiz-submit').count(), 0, 'no quiz on a cancelled session');
    await shot(member, T, 'canceled');
    assert.deepEqual(session.watched.flat(), []);
  }),
);
