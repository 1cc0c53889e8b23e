// Shared steps of the browser tests: sign in through the login page, read the left menu.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestApp, type TestContext } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

export const MENU_LABELS = [
  '工作台',
  '组织机构',
  '单位管理',
  '用户管理',
  '安全管理',
  '角色与权限',
  '安全策略',
  '审计日志',
];

export async function newPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Runs `fn` on a fresh page (its own cookies) and closes it afterwards, whether `fn` passed or not. */
export async function withPage(
  browser: Browser,
  baseUrl: string,
  fn: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    await fn(page, context);
  } finally {
    await context.close();
  }
}

/** Fills and submits the login form; does not wait for where it lands. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs in and waits for the 工作台. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/** The texts of the left menu's entries. */
export async function menuTexts(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.waitFor();
  const items = await menu.locator('[role="menuitem"]').allInnerTexts();
  return items.map((t) => t.trim()).filter(Boolean);
}

/** Signs in through the API (sharing the context's cookies) and opens the 工作台: quicker than the form. */
export async function loginViaApi(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await page.context().request.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username} failed: ${res.status()} ${await res.text()}`);
  await page.goto('/');
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/** One app on a real port with one Chromium, per test file. */
export async function openBrowserApp(): Promise<{ ctx: TestContext; browser: Browser; base: string }> {
  const ctx = await startTestApp('sqlite', { listen: true });
  return { ctx, browser: await launchBrowser(), base: ctx.baseUrl! };
}

export async function closeBrowserApp(app: { ctx?: TestContext; browser?: Browser }): Promise<void> {
  await app.browser?.close();
  await app.ctx?.close();
}

/** One app, one Chromium and one page signed in as `username`, for files whose tests share a page. */
export async function openSignedInPage(
  username: string,
): Promise<{ ctx: TestContext; browser: Browser; context: BrowserContext; page: Page }> {
  const { ctx, browser, base } = await openBrowserApp();
  const { context, page } = await newPage(browser, base);
  await loginViaApi(page, username);
  return { ctx, browser, context, page };
}

/**
 * Types `option` into a searchable Select or TreeSelect and takes the highlighted first match with
 * Enter (more reliable than clicking inside a virtual list that re-renders while filtering).
 */
export async function choose(page: Page, field: Locator, option: string) {
  await field.click();
  await field.fill(option);
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option-active, .ant-select-tree-treenode-active')
    .getByText(option, { exact: true })
    .waitFor();
  await field.press('Enter');
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
}

/** The ledger list's 「共 N 条」. */
export async function listTotal(page: Page): Promise<string> {
  return ((await page.getByTestId('list-total').textContent()) ?? '').trim();
}
