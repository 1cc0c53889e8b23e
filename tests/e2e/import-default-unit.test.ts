// The import dialog of a clerk who reports for several units: without a default unit a row that
// leaves 填报单位 blank is refused in words that say why; with 示范县司法局 chosen the dialog says where
// such rows will go before the upload, and the result says where they went.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';
import { choose, closeBrowserApp, listTotal, openSignedInPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

const POLL = { timeout: 30_000, interval: 150 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function row(caseNo: string, unitName: string): unknown[] {
  return [
    caseNo,
    '张三',
    '示范县市场监督管理局',
    '行政处罚',
    '2025-03-03',
    '受理',
    '2025-03-06',
    '普通程序',
    null,
    null,
    unitName,
  ];
}

describe.skipIf(!hasChromium)('浏览器：导入时的默认填报单位', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ ctx, browser, page } = await openSignedInPage('coordinator'));
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('未选默认单位时空白填报单位报错；选择后预览与结果都写明导入到哪个单位', async () => {
    try {
      const file = await xlsxFrom(
        [...RECONSIDERATION_HEADERS, '填报单位'],
        [row('默认单位复〔2025〕1号', ''), row('默认单位复〔2025〕2号', '城关镇')],
      );
      await page.goto('/ledgers/reconsideration');
      await page.getByRole('heading', { name: '行政复议案件', exact: true }).waitFor();
      await expect.poll(() => listTotal(page), POLL).toBe('共 0 条');
      await page.getByTestId('ledger-import').click();
      const modal = page.locator('.ant-modal');
      await modal.locator('.ant-upload-drag').waitFor();
      const preview = page.getByTestId('import-default-unit');
      expect(await preview.textContent()).toBe('未选择默认单位：每行须填写「填报单位」，未填写的行将报错');

      await modal
        .locator('input[type="file"]')
        .setInputFiles({ name: '两行.xlsx', mimeType: XLSX, buffer: file });
      const errors = page.getByTestId('import-errors');
      await errors.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-error-count').textContent()).toBe('1');
      const firstError = errors.locator('.ant-table-tbody tr').first();
      expect(await firstError.textContent()).toContain('请填写填报单位（您可以为多个单位填报）');
      expect(await firstError.textContent()).toContain('填报单位');

      await choose(page, modal.getByLabel('默认填报单位'), '示范县司法局');
      await expect
        .poll(() => preview.textContent(), POLL)
        .toBe('未填写「填报单位」的行将导入到：示范县司法局');
      await modal
        .locator('input[type="file"]')
        .setInputFiles({ name: '两行.xlsx', mimeType: XLSX, buffer: file });
      const result = page.getByTestId('import-result');
      await result.waitFor({ timeout: 60_000 });
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('新增 2 条');
      expect(text).toContain('其中 1 行未填写填报单位，已导入到「示范县司法局」');

      await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await expect.poll(() => listTotal(page), POLL).toBe('共 2 条');
    } catch (e) {
      await page
        .screenshot({ path: '/tmp/fazhi-fail-import-default-unit.png', fullPage: true })
        .catch(() => {});
      throw e;
    }
  });
});
