// Browser tests of issue 9 items 4, 5, 7 as a user sees them: the auditor reads ledger records and their
// changed fields by Chinese name and sees a session's unmasked list views as one row with a count; the
// leader's search by a name says why it finds nothing; the reporter's drawer shows the names typed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { choose, closeBrowserApp, loginViaApi, openBrowserApp, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

/** Waits for the page under load: the 2-core machine runs several browser files at once. */
const POLL = { timeout: 20_000, interval: 150 };
const CASE_NO = '城关复〔2025〕9号';

describe.skipIf(!hasChromium)('浏览器：个人信息与可读的审计日志', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let recordId: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
    const reporter: Client = await signedIn(ctx.app, 'town_reporter');
    const created = await reporter.post<{ id: string; version: number; values: Record<string, unknown> }>(
      '/api/ledgers/reconsideration/records',
      {
        values: { caseNo: CASE_NO, applicant: '欧阳娜娜', respondent: '某局', receivedOn: '2025-10-09' },
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    recordId = created.body.id;
    const put = await reporter.put(`/api/ledgers/reconsideration/records/${recordId}`, {
      values: { ...created.body.values, decidedOn: '2025-11-01', decision: '维持' },
      version: created.body.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const coordinator = await signedIn(ctx.app, 'coordinator');
    for (let i = 0; i < 3; i += 1)
      expect(
        (await coordinator.get(`/api/ledgers/reconsideration/records?page=1&pageSize=${10 + i}`)).status,
      ).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await closeBrowserApp({ ctx, browser });
  });

  it('审计日志的对象列显示台账名称和案号，字段变更显示中文字段名', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'auditor');
      await page.goto('/audit');
      await page.getByLabel('对象 ID').fill(recordId);
      await choose(page, page.getByLabel('操作'), '修改台账记录（ledger.reconsideration.update）');
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await expect
        .poll(() => row.textContent(), POLL)
        .toMatch(/修改台账记录（ledger\.reconsideration\.update）/);
      expect(await row.textContent()).toContain(`行政复议案件 ${CASE_NO}`);
      expect(await row.textContent()).not.toContain(recordId);
      await row.locator('.ant-table-row-expand-icon').click();
      const changes = page.getByTestId('audit-changes');
      await changes.getByText('审结日期', { exact: true }).waitFor();
      await changes.getByText('决定类型', { exact: true }).waitFor();
      expect(await changes.textContent()).not.toContain('decidedOn');
    }));

  it('同一会话多次查看未脱敏列表只有一行「查看未脱敏的台账列表」，带次数', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'auditor');
      await page.goto('/audit');
      await choose(page, page.getByLabel('操作'), '查看未脱敏的台账列表（ledger.pii.list）');
      await page.getByLabel('用户').fill('coordinator');
      await page.getByRole('button', { name: '查询' }).click();
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      // Until the filtered page arrives the table shows the unfiltered one: wait for the filtered rows.
      const listed = async () =>
        (await rows.allTextContents()).every((r) => r.includes('ledger.pii.list')) ? rows.count() : -1;
      await expect.poll(listed, POLL).toBe(1);
      expect(await rows.first().textContent()).toContain('行政复议案件');
      expect(await rows.first().textContent()).toContain('共 3 次');
      await rows.first().locator('.ant-table-row-expand-icon').click();
      await expect
        .poll(() => page.getByTestId('audit-view-count').textContent(), POLL)
        .toContain('本会话内同类查看共 3 次');
    }));

  it('领导按姓名检索：提示个人信息不参与检索；填报员打开记录看到自己录入的姓名', async () => {
    await withPage(browser, base, async (page) => {
      await loginViaApi(page, 'leader');
      await page.goto(`/ledgers/reconsideration?q=${encodeURIComponent('欧阳娜娜')}`);
      await expect
        .poll(() => page.getByTestId('search-hint').textContent(), POLL)
        .toBe('姓名等个人信息不参与检索：您无权查看个人信息');
    });
    await withPage(browser, base, async (page) => {
      await loginViaApi(page, 'town_reporter');
      await page.goto(`/ledgers/reconsideration?q=${encodeURIComponent('欧阳')}`);
      const row = page.getByTestId('ledger-table').locator('.ant-table-tbody tr.ant-table-row').first();
      await expect.poll(() => row.textContent(), POLL).toContain('欧阳娜娜');
      // The drawer opens from the address, as the row's button does.
      await page.goto(`/ledgers/reconsideration?q=${encodeURIComponent('欧阳')}&record=${recordId}`);
      const form = page.getByTestId('record-form');
      await expect.poll(() => form.getByLabel('申请人', { exact: true }).inputValue(), POLL).toBe('欧阳娜娜');
      expect(await page.getByTestId('pii-masked-note').count()).toBe(0);
    });
  });
});
