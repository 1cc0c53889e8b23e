// Browser tests of signing in: login, the forced password change, lockout, and the 404 page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, login, newPage, openBrowserApp, submitLogin, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

describe.skipIf(!hasChromium)('浏览器：登录与密码', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('登录后进入工作台，显示单位、角色与可见组织；可退出', () =>
    withPage(browser, base, async (page) => {
      await page.goto('/');
      await page.waitForURL('**/login');
      await expect(page.getByTestId('demo-accounts').textContent()).resolves.toContain(DEMO_PASSWORD);
      await login(page, 'coordinator');
      const info = await page.getByTestId('my-info').textContent();
      expect(info).toContain('王协调');
      expect(info).toContain('依法治县办');
      expect(info).toContain('数据范围：全部');
      expect(await page.getByTestId('my-permissions').textContent()).toContain('查看单位');
      await expect(page.getByTestId('unit-count').textContent()).resolves.toMatch(/共 \d+ 个单位/);
      await page.getByText('示范县').first().waitFor();
      await page.screenshot({ path: '/tmp/fazhi-home.png', fullPage: true });

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await page.goto('/org/units');
      await page.waitForURL('**/login?from=*');
    }));

  it('错误密码显示服务器的提示', () =>
    withPage(browser, base, async (page) => {
      await submitLogin(page, 'leader', 'wrong-Password1');
      await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    }));

  it('新建用户首次登录须修改密码，改后进入工作台', async () => {
    const admin = await signedIn(ctx.app, 'sysadmin');
    const units = await admin.get<{ items: Array<{ id: string; name: string }> }>('/api/units?q=城关镇');
    const unit = units.body.items.find((u) => u.name === '城关镇')!;
    const created = await admin.post<{ temporaryPassword: string }>('/api/users', {
      username: 'newclerk',
      displayName: '钱新员',
      unitId: unit.id,
    });
    expect(created.status).toBe(201);
    const temp = created.body.temporaryPassword;

    const { context, page } = await newPage(browser, base);
    try {
      await submitLogin(page, 'newclerk', temp);
      await page.waitForURL('**/change-password');
      await page.getByText('请先修改密码后再使用系统').waitFor();
      // Going elsewhere still lands on the change page.
      await page.goto('/');
      await page.waitForURL('**/change-password');

      await page.getByLabel('原密码').fill(temp);
      await page.getByLabel('新密码', { exact: true }).fill('short');
      await page.getByLabel('确认新密码').fill('short');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByText('密码长度至少 8 位').first().waitFor();

      // The server's own message when the old password is wrong.
      await page.getByLabel('原密码').fill('Wrong#Pass9');
      await page.getByLabel('新密码', { exact: true }).fill('Qing@2026x');
      await page.getByLabel('确认新密码').fill('Qing@2026x');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByText('原密码不正确').waitFor();

      await page.getByLabel('原密码').fill(temp);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
      expect(await page.getByTestId('my-info').textContent()).toContain('钱新员');
    } finally {
      await context.close();
    }
  });

  it('连续 5 次密码错误后锁定，正确密码也被拒绝', () =>
    withPage(browser, base, async (page) => {
      for (let i = 1; i <= 5; i++) {
        await submitLogin(page, 'dept_reporter', `Wrong#Pass${i}`);
        const expected = i < 5 ? '用户名或密码错误' : '账户已被锁定';
        await page.getByTestId('login-error').getByText(expected).waitFor();
        // Let the alert re-render before the next attempt.
        await page
          .getByRole('button', { name: '登录', exact: true })
          .and(page.locator(':not(.ant-btn-loading)'))
          .waitFor();
      }
      await submitLogin(page, 'dept_reporter', DEMO_PASSWORD);
      await page.getByTestId('login-error').getByText('账户已被锁定').waitFor();
      expect(page.url()).toContain('/login');
    }));

  it('不存在的地址显示 404 页面', () =>
    withPage(browser, base, async (page) => {
      await login(page, 'leader');
      await page.goto('/no/such/page');
      await page.getByText('页面不存在', { exact: true }).waitFor();
      await page.getByRole('button', { name: '返回工作台' }).click();
      await page.getByRole('heading', { name: '工作台' }).waitFor();
    }));
});
