// The import modal follows the server's work row by row: a 2,000-row template goes through upload,
// reading, validation and writing, and the status line keeps the final count once it succeeded.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { RECONSIDERATION_HEADERS, reconsiderationRows } from '../support/xlsx.ts';
import { choose, closeBrowserApp, listTotal, openSignedInPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

/** Waits for the page under load: the 2-core machine runs two browser files at once. */
const POLL = { timeout: 30_000, interval: 150 };
const ROWS = 2000;

/** The downloaded template with `rows` written under its headers (matched by label, * and all). */
async function fillTemplate(template: Buffer, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('数据')!;
  const columnOf = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    columnOf.set(String(cell.value ?? ''), col);
  });
  const columns = RECONSIDERATION_HEADERS.map((h) => {
    const col = columnOf.get(h);
    if (!col) throw new Error(`template has no column ${h}`);
    return col;
  });
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    values.forEach((v, j) => {
      if (v !== null && v !== '') row.getCell(columns[j]!).value = v as ExcelJS.CellValue;
    });
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!hasChromium)('浏览器：大文件导入的逐行进度', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ ctx, browser, page } = await openSignedInPage('coordinator'));
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it(`导入 ${ROWS} 行模板：进度条依次显示上传、读取、校验、写入，最后保留写入行数`, async () => {
    try {
      await page.goto('/ledgers/reconsideration');
      await page.getByRole('heading', { name: '行政复议案件', exact: true }).waitFor();
      await expect.poll(() => listTotal(page), POLL).toBe('共 0 条');
      const template = await page.context().request.get('/api/ledgers/reconsideration/template.xlsx');
      expect(template.ok()).toBe(true);
      const file = await fillTemplate(
        Buffer.from(await template.body()),
        reconsiderationRows(2025, ROWS, 300, 'JD'),
      );

      await page.getByTestId('ledger-import').click();
      await page.locator('.ant-modal .ant-upload-drag').waitFor();
      // The coordinator reports for every unit: the template's rows go to the unit chosen here.
      await choose(page, page.locator('.ant-modal').getByLabel('默认填报单位'), '示范县司法局');
      // Every text the status line shows, in order, as the page renders it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __progressTexts: string[] }).__progressTexts = seen;
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '';
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.locator('.ant-modal input[type="file"]').setInputFiles({
        name: '两千行.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });

      const result = page.getByTestId('import-result');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toContain(`新增 ${ROWS} 条`);
      // The status line stays on the final write count, next to a full bar.
      expect(await page.getByTestId('import-progress-text').textContent()).toBe(
        `已写入 ${ROWS} / ${ROWS} 行`,
      );
      expect(
        await page.getByTestId('import-progress').locator('.ant-progress').getAttribute('aria-valuenow'),
      ).toBe('100');

      const texts = await page.evaluate(
        () => (window as unknown as { __progressTexts: string[] }).__progressTexts,
      );
      console.log(`进度文字（${texts.length} 次变化）：${texts.join(' → ')}`);
      expect(texts[0]).toMatch(/^上传中 \d+%$/);
      expect(texts).toContain('正在读取文件…');
      // The server's row counts reached the page while it worked (the XHR hands over what has arrived
      // every 50 ms or so; 2,000 rows take several of those), never going back within a phase.
      const counted = texts
        .map((t) => /^正在(校验 第|写入) (\d+) \/ (\d+) 行$/.exec(t))
        .filter((m): m is RegExpExecArray => m !== null);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.every((m) => m[3] === String(ROWS))).toBe(true);
      for (const phase of ['校验 第', '写入']) {
        const counts = counted.filter((m) => m[1] === phase).map((m) => Number(m[2]));
        expect(counts).toEqual([...counts].sort((a, b) => a - b));
      }
      const order = texts.map((t) =>
        t.startsWith('上传中')
          ? 0
          : t.startsWith('正在读取')
            ? 1
            : t.startsWith('正在校验')
              ? 2
              : t.startsWith('正在写入')
                ? 3
                : 4,
      );
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(texts.at(-1)).toBe(`已写入 ${ROWS} / ${ROWS} 行`);

      await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await expect.poll(() => listTotal(page), POLL).toBe(`共 ${ROWS} 条`);
    } catch (e) {
      await page.screenshot({ path: '/tmp/fazhi-fail-import-progress.png', fullPage: true }).catch(() => {});
      throw e;
    }
  });
});
