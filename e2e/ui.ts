// Steps a person takes in the web UI, shared by the browser tests. Every helper waits for what
// the page shows (text, enabled controls), never for a fixed time.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, FileChooser, Locator, Page } from 'playwright-core';
import { launchBrowser, newContext, type Product, startProduct, until, watchPage } from './harness';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/**
 * A button's accessible name: antd puts a space between two CJK characters ("确 定"), and a
 * button that was loading keeps its collapsed icon, named "loading", in front of the text.
 */
export function cjk(text: string): RegExp {
  return new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}

/** Opens an antd Select and picks the option showing `text`. */
export async function pickOption(page: Page, select: Locator, text: string | RegExp) {
  await select.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first();
  const chosen = page.locator('.ant-select-dropdown .ant-select-item-option-selected', { hasText: text }).first();
  // A click that lands while the dropdown is still sliding in can be lost: click until it is chosen.
  for (let i = 0; i < 3; i++) {
    await option.click();
    if (
      await chosen.waitFor({ state: 'attached', timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    if (!(await option.isVisible())) await select.click();
  }
}

/**
 * Opens a date-time picker and takes 此刻 (now): a click that lands while the dropdown slides in
 * can be lost (the dropdown stays open, the input empty), so it clicks until the input has a value.
 */
export async function pickNow(page: Page, picker: Locator) {
  const dropdown = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  for (let i = 0; i < 4; i++) {
    if (!(await dropdown.isVisible())) await picker.click();
    await dropdown.getByText('此刻').click();
    if ((await picker.inputValue()) !== '') break;
    await page.waitForTimeout(300);
  }
  assert.notEqual(await picker.inputValue(), '', '此刻 fills in the picker');
  await dropdown.waitFor({ state: 'hidden' });
}

/** The antd form field whose label reads `label`. */
export function field(scope: Page | Locator, label: string): Locator {
  const exact = new RegExp(`^\\s*${label}\\s*$`);
  const page = 'page' in scope && typeof scope.page === 'function' ? (scope as Locator).page() : (scope as Page);
  return scope.locator('.ant-form-item').filter({ has: page.locator('.ant-form-item-label').filter({ hasText: exact }) });
}

/** Waits for an antd message toast with the text. */
export async function toast(page: Page, text: string | RegExp) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor({ state: 'visible' });
}

/** The page must not show an error alert. */
export async function noErrorAlert(page: Page) {
  const alerts = page.getByTestId('error-alert');
  const n = await alerts.count();
  if (n > 0) assert.fail(`error alert on ${page.url()}: ${await alerts.first().innerText()}`);
}

/** First run: `/` leads to the setup page, which creates the owner and the workspace. */
export async function firstRun(page: Page, owner: Person, workspace: string) {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.getByText('初始化媒运').first().waitFor();
  await page.getByTestId('setup-workspace').fill(workspace);
  await page.getByTestId('setup-name').fill(owner.name);
  await page.getByTestId('setup-email').fill(owner.email);
  await page.getByTestId('setup-password').fill(owner.password);
  await page.getByTestId('setup-confirm').fill(owner.password);
}

export async function submitFirstRun(page: Page) {
  await page.getByTestId('setup-submit').click();
  // The dashboard of the new workspace, in Chinese.
  await page.getByText('账号健康').first().waitFor();
}

export async function nav(page: Page, key: string, heading: string) {
  await page.getByTestId(`nav-${key}`).click();
  await page.locator('h1, h2, h3, h4').filter({ hasText: heading }).first().waitFor();
}

/**
 * Clicks the library's upload button and gives the chooser `files`. A click that lands while the
 * dialog is still opening can be lost on a busy machine: the person clicks again (at most three
 * times), as they would.
 */
export async function chooseFiles(page: Page, library: Locator, files: string | string[]) {
  await library.waitFor();
  let chooser: FileChooser | null = null;
  for (let i = 0; i < 3 && !chooser; i++) {
    const next = page.waitForEvent('filechooser', { timeout: 8000 }).catch(() => null);
    await library.getByTestId('media-upload').click();
    chooser = await next;
  }
  assert.ok(chooser, 'the upload button opens the file chooser');
  await chooser.setFiles(files);
}

/** Writes a post with the UI (title, body, target accounts), optionally with an uploaded cover, and saves it. Returns its id. */
export async function writePost(page: Page, opts: { title: string; body: string; accounts: string[]; coverFile?: string; shot?: () => Promise<unknown> }) {
  await nav(page, 'posts', '内容');
  await page.getByTestId('post-create').click();
  await page.waitForURL('**/posts/new');
  await page.getByTestId('editor-title').fill(opts.title);
  const body = page.getByTestId('editor-body');
  await body.click();
  await body.pressSequentially(opts.body);
  for (const account of opts.accounts) {
    await pickOption(page, page.getByTestId('editor-accounts'), account);
  }
  await page.keyboard.press('Escape');
  if (opts.coverFile) {
    await page.getByTestId('cover-pick').click();
    const library = page.getByRole('dialog').filter({ hasText: '素材库' });
    await chooseFiles(page, library, opts.coverFile);
    await toast(page, '已上传');
    const item = library.getByTestId('media-item').first();
    await item.waitFor();
    await item.click();
    await library.waitFor({ state: 'hidden' });
    const cover = page.getByTestId('cover-image');
    await cover.waitFor();
    // The uploaded image really loads from the server (a 1×1 PNG).
    await until('the cover image to load', () => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1));
  }
  await opts.shot?.();
  await page.getByTestId('post-save').click();
  await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
  await toast(page, '已保存');
  const id = page.url().split('/').pop() as string;
  return id;
}

/**
 * What most browser test files start from: the product and a browser of their own, and the owner
 * through first run in one page (watched for errors). Filled in before the file's first test,
 * closed after its last. `open(label)` adds another person's browser (a context of its own), also
 * watched; `watched` holds every page's problems.
 */
export function ownerSession(name: string, owner: Person, workspace: string) {
  const contexts: BrowserContext[] = [];
  let product: Product | undefined;
  let browser: Browser | undefined;
  const session = {
    page: undefined as unknown as Page,
    problems: [] as string[],
    watched: [] as string[][],
    pages: new Map<string, Page>(),
    product: undefined as unknown as Product,
    async open(label: string): Promise<Page> {
      const ctx = await newContext(browser as Browser, (product as Product).url);
      contexts.push(ctx);
      const page = await ctx.newPage();
      session.pages.set(label, page);
      session.watched.push(watchPage(page, label));
      return page;
    },
  };
  before(async () => {
    [product, browser] = await Promise.all([startProduct(name), launchBrowser()]);
    session.product = product;
    session.page = await session.open('owner');
    session.problems = session.watched[0];
    await firstRun(session.page, owner, workspace);
    await submitFirstRun(session.page);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });
  return session;
}

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A JSON call to the API from the signed-in page (or a 1×1 PNG upload to `pathname` when `png` is set). */
export async function pageCall(
  page: Page,
  pathname: string,
  method = 'GET',
  body?: unknown,
  png = false,
): Promise<{ status: number; json: Record<string, unknown> & { id: string } }> {
  return page.evaluate(
    async ([p, m, b, image, data]) => {
      let init: RequestInit = { method: m as string };
      if (image) {
        const form = new FormData();
        form.append('file', new Blob([Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0))], { type: 'image/png' }), 'p.png');
        init = { method: 'POST', body: form };
      } else if (b !== undefined) init = { ...init, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) };
      const r = await fetch(`/api/v1${p}`, init);
      return { status: r.status, json: await r.json() };
    },
    [pathname, method, body, png, PNG_1x1] as const,
  );
}
