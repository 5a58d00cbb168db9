// Sign-in security in the browser: two-factor enrolment and sign-in, the sessions page ending
// another browser's session, and a manager's one-time password-reset link.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { totpAt } from '../server/src/modules/identity/totp';
import { newContext, shot, stepper, watchPage, withFailureShots } from './harness';
import { cjk, noErrorAlert, ownerSession, type Person, toast } from './ui';

const T = 'security';
const owner: Person = { name: '钱安全', email: 'security.owner@example.com', password: 'owner-pass-2468' };
const member: Person = { name: '孙编辑', email: 'security.editor@example.com', password: 'editor-pass-1357' };
const session = ownerSession(T, owner, '安全演练组');
const contexts: BrowserContext[] = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

/** Another person's computer (or the owner's second one): a fresh browser profile, watched for errors. */
async function otherBrowser(label: string): Promise<{ page: Page; problems: string[] }> {
  const browser = session.page.context().browser();
  assert.ok(browser);
  const ctx = await newContext(browser, new URL(session.page.url()).origin);
  contexts.push(ctx);
  const page = await ctx.newPage();
  session.pages.set(label, page);
  return { page, problems: watchPage(page, label) };
}

async function confirmPop(page: Page, title: string | RegExp) {
  const pop = page.locator('.ant-popover:not(.ant-popover-hidden)').filter({ hasText: title });
  await pop.waitFor();
  await pop.getByRole('button', { name: cjk('确定') }).click();
  await pop.waitFor({ state: 'hidden' });
}

async function signInWithPassword(page: Page, who: Person) {
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(who.email);
  await page.getByTestId('signin-password').fill(who.password);
  await page.getByTestId('signin-submit').click();
}

let recoveryCodes: string[] = [];

test('two-factor: enrol on the security page by scanning (reading) the secret, sign out, sign in with password then code', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-totp`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-security').click();
    await page.waitForURL('**/security');
    await page.getByText('修改密码').first().waitFor();
    await page.getByTestId('security-tab-totp').click();
    await page.getByTestId('totp-status').getByText('未开启').waitFor();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    // What a person types into the app when the camera fails: the key shown under the QR code.
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await shot(page, `${T}-totp`, '01-qr-code');
    await page.getByTestId('totp-confirm-code').fill(totpAt(secret, Date.now()));
    await page.getByTestId('totp-enable').click();
    await page.getByTestId('recovery-codes').waitFor();
    recoveryCodes = (await page.getByTestId('recovery-code').allInnerTexts()).map((c) => c.trim());
    assert.equal(recoveryCodes.length, 10);
    await shot(page, `${T}-totp`, '02-recovery-codes');
    await page.getByTestId('recovery-saved').click();
    await page.getByTestId('totp-status').getByText('已开启').waitFor();
    await page.getByText('剩余恢复码：10 个').waitFor();
    await shot(page, `${T}-totp`, '03-security-page-on', { fullPage: true });
    step('two-factor on');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/signin');
    await signInWithPassword(page, owner);
    // The password was right: the page now asks for the code, keeping the password in memory only.
    await page.getByTestId('signin-totp').waitFor();
    await page.getByText(owner.email).waitFor();
    await shot(page, `${T}-totp`, '04-code-step');
    await page.getByTestId('signin-totp').fill('000000');
    await page.getByTestId('signin-totp-submit').click();
    await page.getByText('验证码错误或已使用过').waitFor();
    // The next step's code (the enrolment used this one; a code never works twice).
    await page.getByTestId('signin-totp').fill(totpAt(secret, Date.now() + 30_000));
    await page.getByTestId('signin-totp-submit').click();
    await page.getByText('账号健康').first().waitFor();
    await noErrorAlert(page);
    step('signed in with password and code');
    assert.deepEqual(problems, []);
  }),
);

test('sessions page: a second browser appears, and ending it signs that browser out', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-sessions`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    const laptop = await otherBrowser('laptop');
    await signInWithPassword(laptop.page, owner);
    await laptop.page.getByTestId('signin-totp').fill(recoveryCodes[0]);
    await laptop.page.getByTestId('signin-totp-submit').click();
    await laptop.page.getByText('账号健康').first().waitFor();
    step('second browser signed in with a recovery code');

    await page.goto('/security?tab=sessions');
    await page.getByTestId('session-current').waitFor();
    const other = page.getByTestId('session-other');
    await other.waitFor();
    assert.equal(await page.getByTestId('session-current').count(), 1);
    assert.equal(await other.count(), 1, 'the first-run session ended at sign-out: this browser and the laptop');
    assert.match(await page.getByTestId('session-current').innerText(), /本设备/);
    assert.match(await other.innerText(), /Chrome \d+ · Linux/);
    assert.match(await other.innerText(), /127\.0\.0\.1/);
    await shot(page, `${T}-sessions`, '01-two-sessions');
    await other.getByTestId('session-revoke').click();
    await confirmPop(page, '让这个设备退出登录？');
    await toast(page, '该设备已退出');
    await other.waitFor({ state: 'detached' });

    // The laptop's next request finds no session: back to the sign-in page.
    await laptop.page.reload();
    await laptop.page.waitForURL('**/signin**');
    await laptop.page.getByTestId('signin-email').waitFor();
    step('the other browser is signed out');
    assert.deepEqual([...problems, ...laptop.problems], []);
  }),
);

test('a manager issues a one-time reset link; the member sets a new password with it and is signed in', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-reset`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    const res = await page.request.post('/api/v1/invitations', { data: { email: member.email, role: 'editor' } });
    assert.ok(res.ok(), await res.text());
    const { token } = (await res.json()) as { token: string };
    const desk = await otherBrowser('member-desk');
    await desk.page.goto(`/invite?token=${encodeURIComponent(token)}`);
    await desk.page.getByTestId('invite-name').fill(member.name);
    await desk.page.getByTestId('invite-password').fill(member.password);
    await desk.page.getByTestId('invite-confirm').fill(member.password);
    await desk.page.getByTestId('invite-submit').click();
    await desk.page.getByText('账号健康').first().waitFor();
    step('member joined');

    await page.goto('/members');
    const row = page.locator('tr').filter({ hasText: member.email });
    await row.getByTestId('member-reset').click();
    await confirmPop(page, `为 ${member.name} 生成一次性重置链接？`);
    const linkBox = page.getByTestId('reset-link');
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[\w-]{40,}$/);
    await shot(page, `${T}-reset`, '01-link-shown-once');
    await page.getByTestId('reset-link-close').click();
    step('link issued');

    // The member forgot the password; on another computer they open the link.
    const phone = await otherBrowser('member-phone');
    await phone.page.goto(link);
    await phone.page.getByText(`为 ${member.name}（${member.email}）设置新密码`).waitFor();
    const fresh = 'reset-pass-97531';
    await phone.page.getByTestId('reset-password').fill(fresh);
    await phone.page.getByTestId('reset-confirm').fill(fresh);
    await shot(phone.page, `${T}-reset`, '02-reset-page');
    await phone.page.getByTestId('reset-submit').click();
    await phone.page.getByText('账号健康').first().waitFor();
    await phone.page.getByTestId('user-menu').filter({ hasText: member.name }).waitFor();
    // Every older session of the member ended, and the link works only once.
    await desk.page.reload();
    await desk.page.waitForURL('**/signin**');
    await phone.page.goto(link);
    await phone.page.getByText('重置链接无效、已使用或已过期').waitFor();
    await signInWithPassword(desk.page, { ...member, password: fresh });
    await desk.page.getByText('账号健康').first().waitFor();
    step('member signed in with the new password');

    // The owner sees it all among the members' sign-ins.
    await page.goto('/audit?tab=sign-ins');
    await page.getByText('通过链接重置密码').first().waitFor();
    await page.getByText('生成重置链接').first().waitFor();
    await shot(page, `${T}-reset`, '03-audit-sign-ins');
    assert.deepEqual([...problems, ...desk.problems, ...phone.problems], []);
  }),
);

test('an owner requires two-factor: a member without it sees only the enrolment until they turn it on', { timeout: 120_000 }, (t) =>
  withFailureShots(`${T}-required`, session.pages, async () => {
    const { page, problems } = session;
    const step = stepper(t);
    await page.goto('/settings');
    await page.getByTestId('settings-require-totp').click();
    await toast(page, '已要求两步验证');
    step('required');

    const member2 = await otherBrowser('member-2fa');
    await signInWithPassword(member2.page, { ...member, password: 'reset-pass-97531' });
    const gate = member2.page.getByTestId('totp-gate');
    await gate.waitFor();
    await gate.getByText('工作区「安全演练组」要求两步验证').first().waitFor();
    assert.equal(await member2.page.getByTestId('nav-posts').count(), 0, 'no workspace pages behind the gate');
    await member2.page.getByTestId('totp-start').click();
    const secret = (await member2.page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await member2.page.getByTestId('totp-confirm-code').fill(totpAt(secret, Date.now()));
    await member2.page.getByTestId('totp-enable').click();
    // The recovery codes stay on screen until put away, though the gate's reason is gone.
    await member2.page.getByTestId('recovery-codes').waitFor();
    await shot(member2.page, `${T}-required`, '01-gate-recovery-codes');
    await member2.page.getByTestId('recovery-saved').click();
    await member2.page.getByText('账号健康').first().waitFor();
    await noErrorAlert(member2.page);
    step('member enrolled and got in');
    // 403 totp_setup_required answers while the gate was up are expected; nothing else.
    assert.deepEqual([...problems, ...member2.problems], []);
  }),
);
