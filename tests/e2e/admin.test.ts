// Browser tests of the management pages: units and users as 系统管理员, the audit log as 审计管理员.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { choose, closeBrowserApp, login, newPage, openBrowserApp, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

describe.skipIf(!hasChromium)('浏览器：单位、用户与审计', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('系统管理员新增、编辑、停用单位', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'sysadmin');
      await page.getByRole('menuitem', { name: '单位管理' }).click();
      await page.waitForURL('**/org/units');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

      await page.getByRole('button', { name: '新增单位' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, dialog.getByLabel('上级单位'), '城关镇');
      await dialog.getByLabel('单位名称').fill('测试村');
      await choose(page, dialog.getByLabel('单位类型'), '村/社区');
      await dialog.getByLabel('单位代码').fill('T-001');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('单位已新增').waitFor();
      await dialog.waitFor({ state: 'hidden' });

      // A duplicate name under the same parent: the server's 409 message shows.
      await page.getByRole('button', { name: '新增单位' }).click();
      await choose(page, dialog.getByLabel('上级单位'), '城关镇');
      await dialog.getByLabel('单位名称').fill('测试村');
      await choose(page, dialog.getByLabel('单位类型'), '村/社区');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('同一上级单位下已有名为「测试村」的单位').waitFor();
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByLabel('搜索单位').fill('测试村');
      await page.getByLabel('搜索单位').press('Enter');
      const row = page.locator('.ant-table-tbody tr', { hasText: '测试村' });
      await row.waitFor();
      expect(await row.textContent()).toContain('城关镇');

      await row.getByText('编辑').click();
      await dialog.getByLabel('单位名称').fill('测试村委会');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('单位已保存').waitFor();
      await page.getByLabel('搜索单位').fill('测试');
      await page.getByLabel('搜索单位').press('Enter');
      const renamed = page.locator('.ant-table-tbody tr', { hasText: '测试村委会' });
      await renamed.waitFor();

      await renamed.getByText('停用').click();
      await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
      await page.getByText('已停用「测试村委会」').waitFor();
      await renamed.waitFor({ state: 'detached' });
      await page.getByLabel('含已停用').click();
      await renamed.waitFor();
      expect(await renamed.textContent()).toContain('已停用');
      await page.screenshot({ path: '/tmp/fazhi-units.png', fullPage: true });
    }));

  it('系统管理员新增用户得到一次性临时密码，用户页面可重置密码', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'sysadmin');
      await page.goto('/org/users');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: '新增用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('sunclerk');
      await dialog.getByLabel('姓名').fill('孙文员');
      await choose(page, dialog.getByLabel('所属单位'), '青山镇');
      await dialog.getByRole('button', { name: '保存' }).click();
      const temp = page.getByTestId('temp-password');
      await temp.waitFor();
      expect(await temp.textContent()).toMatch(/^\S{10}$/);
      await page.getByRole('button', { name: '我已记录' }).click();
      await page.getByTestId('temp-password').waitFor({ state: 'hidden' });

      await page.getByLabel('搜索用户').fill('sunclerk');
      await page.getByLabel('搜索用户').press('Enter');
      const row = page.locator('.ant-table-tbody tr', { hasText: 'sunclerk' });
      await row.waitFor();
      expect(await row.textContent()).toContain('待改密');
      await row.getByText('重置密码').click();
      await page.getByRole('tooltip').getByRole('button', { name: '重置' }).click();
      await page.getByTestId('temp-password').waitFor();
      await page.getByRole('button', { name: '我已记录' }).click();
      await page.getByTestId('temp-password').waitFor({ state: 'hidden' });

      await page.getByLabel('搜索用户').fill('');
      await page.getByLabel('搜索用户').press('Enter');
      await page.locator('.ant-table-tbody tr', { hasText: 'town_approver' }).waitFor();
      await page.screenshot({ path: '/tmp/fazhi-users.png', fullPage: true });
    }));

  it('审计管理员在审计日志中看到新增单位的记录与字段变更，并校验哈希链', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'auditor');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL('**/audit');
      await choose(page, page.getByLabel('操作'), '新增单位（unit.create）');
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await row.getByText('新增单位（unit.create）').waitFor();
      expect(await row.textContent()).toContain('sysadmin');
      await row.locator('.ant-table-row-expand-icon').click();
      const changes = page.getByTestId('audit-changes');
      await changes.getByText('测试村', { exact: true }).waitFor();
      await page.screenshot({ path: '/tmp/fazhi-audit.png', fullPage: true });

      await page.getByRole('button', { name: '校验哈希链' }).click();
      await expect(page.getByTestId('verify-result').textContent()).resolves.toMatch(/哈希链完好，共 \d+ 条/);
    }));

  it('系统管理员把单位连同其台账记录调整到另一个上级单位之下，先确认', async () => {
    const sysadmin = await signedIn(ctx.app, 'sysadmin');
    const towns = await sysadmin.get<{ items: Array<{ id: string; name: string }> }>('/api/units?q=镇');
    const townId = (name: string) => towns.body.items.find((u) => u.name === name)!.id;
    const village = await sysadmin.post<{ id: string }>('/api/units', {
      parentId: townId('城关镇'),
      name: '迁移村',
      type: 'village',
    });
    expect(village.status).toBe(201);
    const coordinator = await signedIn(ctx.app, 'coordinator');
    const rec = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: village.body.id,
      values: { caseNo: '迁移〔2025〕1号', applicant: '甲', respondent: '某局', receivedOn: '2025-03-01' },
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const received = async (unit: string) =>
      (
        await coordinator.get<{ items: Array<{ numerator: number }> }>(
          `/api/indicators?year=2025&unit=${unit}&ids=reconsideration.received`,
        )
      ).body.items[0]!.numerator;
    const before = { from: await received(townId('城关镇')), to: await received(townId('青山镇')) };

    const { context, page } = await newPage(browser, base);
    try {
      await login(page, 'sysadmin');
      await page.goto('/org/units');
      await page.getByLabel('搜索单位').fill('迁移村');
      await page.getByLabel('搜索单位').press('Enter');
      const row = page.locator('.ant-table-tbody tr', { hasText: '迁移村' });
      await row.waitFor();
      expect(await row.textContent()).toContain('城关镇');
      await row.getByText('调整上级').click();
      const dialog = page.getByRole('dialog', { name: '调整上级单位' });
      await dialog.getByText('现上级单位').waitFor();
      await choose(page, dialog.getByLabel('新的上级单位'), '青山镇');
      await page.screenshot({ path: '/tmp/fazhi-move-unit.png' });
      await dialog.getByRole('button', { name: '调整', exact: true }).click();
      const confirm = page.locator('.ant-modal-confirm');
      expect(await confirm.locator('.ant-modal-confirm-title').textContent()).toBe(
        '将「迁移村」调整到「青山镇」之下？',
      );
      await confirm.getByRole('button', { name: '确定调整' }).click();
      await page.getByText('「迁移村」已调整到「青山镇」之下').waitFor();
      await expect.poll(() => row.textContent()).toContain('青山镇');
    } finally {
      await context.close();
    }
    // The record went with it.
    expect(await received(townId('城关镇'))).toBe(before.from - 1);
    expect(await received(townId('青山镇'))).toBe(before.to + 1);
  });
});
