// Browser tests of the 安全管理员's pages: custom roles, role assignment, the security policy.
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, login, openBrowserApp, submitLogin, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

async function pick(page: Page, option: string) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option-content')
    .getByText(option, { exact: true })
    .click();
}

describe.skipIf(!hasChromium)('浏览器：角色、权限分配与安全策略', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('安全管理员新建、删除自定义角色；内置角色只读', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'secadmin');
      await page.getByRole('menuitem', { name: '角色与权限' }).click();
      const builtin = page.locator('.ant-table-tbody tr', { hasText: 'sysadmin' });
      await builtin.waitFor();
      expect(await builtin.textContent()).toContain('内置');
      expect(await builtin.textContent()).toContain('只读');
      expect(await builtin.textContent()).toContain('管理用户');

      await page.getByRole('button', { name: '新建角色' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('角色代码').fill('inspector');
      await dialog.getByLabel('角色名称').fill('督察员');
      await dialog.getByLabel('数据范围').click();
      await pick(page, '本单位及下级');
      await dialog.getByLabel('查看单位').check();
      await dialog.getByLabel('查看工作台数据').check();
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('角色已新建').waitFor();
      const row = page.locator('.ant-table-tbody tr', { hasText: 'inspector' });
      await row.waitFor();
      expect(await row.textContent()).toContain('本单位及下级');

      await row.getByText('删除').click();
      await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
      await page.getByText('角色「督察员」已删除').waitFor();
      await row.waitFor({ state: 'detached' });
    }));

  it('分配两种管理员职责时显示服务器的拒绝信息', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'secadmin');
      await page.goto('/org/users');
      await page.getByLabel('搜索用户').fill('auditor');
      await page.getByLabel('搜索用户').press('Enter');
      const row = page.locator('.ant-table-tbody tr', { hasText: 'auditor' });
      await row.waitFor();
      // 安全管理员 may assign roles but not edit accounts.
      expect(await row.textContent()).not.toContain('重置密码');
      await row.getByText('分配角色').click();
      const dialog = page.getByRole('dialog');
      // The dialog opens with the account's current role ticked; wait for that (and the opening
      // animation) before ticking another, or the click can land while the modal is still settling.
      await expect
        .poll(() => dialog.getByRole('checkbox', { name: /审计管理员/ }).isChecked(), { timeout: 15_000 })
        .toBe(true);
      const sysadmin = dialog.getByRole('checkbox', { name: /系统管理员/ });
      await expect
        .poll(
          async () => {
            if (!(await sysadmin.isChecked())) await sysadmin.click();
            return sysadmin.isChecked();
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('不能由同一账户兼任').first().waitFor();
    }));

  it('安全管理员修改安全策略', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'secadmin');
      await page.getByRole('menuitem', { name: '安全策略' }).click();
      const lock = page.getByLabel('锁定时长');
      await lock.waitFor();
      expect(await lock.inputValue()).toBe('15');
      await lock.fill('30');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('安全策略已保存').waitFor();
      await page.reload();
      await page.getByLabel('锁定时长').waitFor();
      expect(await page.getByLabel('锁定时长').inputValue()).toBe('30');
    }));

  it('用户启用双因素认证后，登录须输入动态验证码', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'leader');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '双因素认证' }).click();
      await page.getByRole('button', { name: '生成密钥' }).click();
      const secretText = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      expect(secretText).toMatch(/^[A-Z2-7]+=*$/);
      const totp = new TOTP({
        secret: Secret.fromBase32(secretText),
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
      });
      await page.getByLabel('动态验证码').fill('000000');
      await page.getByRole('button', { name: '启用' }).click();
      await page.getByText('动态验证码不正确').waitFor();
      await page.getByLabel('动态验证码').fill(totp.generate());
      await page.getByRole('button', { name: '启用' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
      expect(await page.getByTestId('my-info').textContent()).toContain('已启用');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await submitLogin(page, 'leader');
      await page.getByLabel('动态验证码').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: '验证并登录' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
    }));
});
