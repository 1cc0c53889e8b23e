// Browser tests of what each role sees: the left menu, the 403 page, and the township data scope.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import {
  closeBrowserApp,
  login,
  loginViaApi,
  MENU_LABELS,
  menuTexts,
  newPage,
  openBrowserApp,
  withPage,
} from './helpers.ts';

if (skipReason) console.log(skipReason);

const MENUS: Record<string, string[]> = {
  sysadmin: ['工作台', '组织机构', '单位管理', '用户管理'],
  secadmin: ['工作台', '组织机构', '单位管理', '用户管理', '安全管理', '角色与权限', '安全策略'],
  auditor: ['工作台', '审计日志'],
  coordinator: ['工作台', '组织机构', '单位管理', '用户管理'],
  leader: ['工作台', '组织机构', '单位管理'],
  town_reporter: ['工作台', '组织机构', '单位管理'],
  town_approver: ['工作台', '组织机构', '单位管理', '用户管理'],
};

describe.skipIf(!hasChromium)('浏览器：菜单与数据权限', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it.each(Object.entries(MENUS))('%s 的左侧菜单只显示其有权使用的功能', async (username, expected) => {
    const { context, page } = await newPage(browser, base);
    try {
      await loginViaApi(page, username);
      const shown = await menuTexts(page);
      expect(MENU_LABELS.filter((label) => shown.includes(label))).toEqual(expected);
    } finally {
      await context.close();
    }
  });

  it('填报员打开审计日志显示 403 无权访问', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'town_reporter');
      await page.goto('/audit');
      await page.getByText('无权访问', { exact: true }).waitFor();
      expect(await menuTexts(page)).not.toContain('审计日志');
      // The API refuses as well, whatever the interface shows.
      const status = await page.evaluate(async () => (await fetch('/api/audit')).status);
      expect(status).toBe(403);
    }));

  it('城关镇审核人只看到城关镇及其下级，看不到青山镇', async () => {
    const coordinator = await signedIn(ctx.app, 'coordinator');
    const qingshan = (
      await coordinator.get<{ items: Array<{ id: string; name: string }> }>('/api/units?q=青山镇')
    ).body.items.find((u) => u.name === '青山镇')!;
    expect(qingshan).toBeDefined();

    const { context, page } = await newPage(browser, base);
    try {
      await login(page, 'town_approver');
      await page.goto('/org/units');
      const table = page.locator('.ant-table-tbody');
      await table.getByRole('link', { name: '城关镇', exact: true }).waitFor();
      const names = await table.locator('tr td:first-child a').allInnerTexts();
      expect(names.length).toBeGreaterThan(1);
      expect(names).not.toContain('青山镇');
      // Every row lies under 城关镇: its parent is 城关镇 or one of the listed units.
      const parents = await table.locator('tr td:nth-child(3)').allInnerTexts();
      for (const [i, parent] of parents.entries()) {
        if (names[i] === '城关镇') continue;
        expect(names).toContain(parent.trim());
      }
      await expect(page.locator('.ant-pagination-total-text').textContent()).resolves.toMatch(/共 \d+ 条/);

      await page.goto(`/org/units/${qingshan.id}`);
      await page.getByText('不存在或不在您的数据权限范围内').waitFor();
      const res = await page.evaluate(async (id) => {
        const r = await fetch(`/api/units/${id}`);
        return { status: r.status, body: await r.json() };
      }, qingshan.id);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('不在您的数据权限范围内');
    } finally {
      await context.close();
    }
  });
});
