// Browser test of the 安全策略 page in production mode: the administrators' second factor is shown as
// fixed. A file of its own because enrolling secadmin's TOTP would change every other login as secadmin.
import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD, startTestApp, type TestApp, type TestContext } from '../support/app.ts';
import { hasChromium, launchBrowser, skipReason } from '../support/browser.ts';
import { withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

describe.skipIf(!hasChromium)('浏览器：生产模式的安全策略', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let prod: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // The demo county is seeded in demo mode; the same database is then served in production mode.
    ctx = await startTestApp('sqlite');
    prod = await buildApp({ database: ctx.database, config: { ...ctx.config, production: true } });
    await prod.listen({ port: 0, host: '127.0.0.1' });
    const address = prod.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await prod?.close();
    await ctx?.close();
  });

  it('安全策略页把「管理员须启用双因素认证」显示为开启且不可修改，并说明原因', () =>
    withPage(browser, base, async (page) => {
      // Sign in and enrol the second factor through the API (sharing the page's cookies).
      const api = page.context().request;
      const login = await api.post('/api/auth/login', {
        data: { username: 'secadmin', password: DEMO_PASSWORD },
      });
      expect(login.status()).toBe(200);
      const csrf = String(((await login.json()) as { csrfToken: string }).csrfToken);
      const headers = { 'x-csrf-token': csrf };
      const setup = (await (await api.post('/api/auth/totp/setup', { headers })).json()) as {
        secret: string;
      };
      const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30 });
      const enabled = await api.post('/api/auth/totp/enable', { headers, data: { code: totp.generate() } });
      expect(enabled.status()).toBe(200);

      await page.goto('/security/policy');
      const toggle = page.getByRole('switch', { name: '管理员须启用双因素认证' });
      await toggle.waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect(await toggle.isDisabled()).toBe(true);
      expect(await page.getByTestId('totp-fixed').textContent()).toBe(
        '生产模式下管理员必须启用双因素认证，不能关闭',
      );

      // The other settings still save.
      await page.getByLabel('锁定时长').fill('20');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('安全策略已保存').waitFor();
      expect(await toggle.isChecked()).toBe(true);
    }));
});
