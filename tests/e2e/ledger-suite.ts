// The browser test every ledger gets: as the coordinator, create a record through the generated form,
// edit it, import a filled template with two rows, and see the ledger's indicators change. The ledgers
// come from the same definitions GET /api/ledgers serves, so a new ledger gets its test automatically;
// the suite is split over several files (part/of) to use the parallel workers.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldDef, LedgerDef, LedgerRecord } from '../../src/domain/ledgers/define.ts';
import { LEDGERS } from '../../src/domain/ledgers/index.ts';
import { signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { choose, closeBrowserApp, openSignedInPage } from './helpers.ts';
import { fillTemplate, ledgerCase, TEST_YEAR } from './ledger-data.ts';

/** Waits for the page under load: the 2-core machine runs two browser files at once. */
const POLL = { timeout: 15_000, interval: 150 };

/** Picks `value` in the open Select dropdown (typing it first when the Select searches). */
export async function chooseOption(page: Page, value: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.waitFor();
  await dropdown.locator(`.ant-select-item-option[title="${value}"]`).first().click();
}

/** Fills one generated form field the way a user would. */
export async function fillField(page: Page, fd: FieldDef, value: LedgerRecord[string]): Promise<void> {
  if (value === null || value === undefined) return;
  const drawer = page.getByTestId('record-form');
  const input = drawer.getByLabel(fd.label, { exact: true });
  switch (fd.type) {
    case 'date':
      await input.click();
      await input.fill(String(value));
      await input.press('Enter');
      return;
    case 'money':
      await input.fill(String(Number(value) / 100));
      return;
    case 'int':
    case 'decimal':
      await input.fill(String(value));
      return;
    case 'bool':
      await input.click();
      await chooseOption(page, value ? '是' : '否');
      return;
    case 'dict':
      await input.click();
      await input.fill(String(value));
      await chooseOption(page, String(value));
      return;
    case 'multi':
      for (const v of value as string[]) {
        await input.click();
        await input.fill(v);
        await chooseOption(page, v);
      }
      await input.press('Escape');
      return;
    default:
      await input.fill(String(value));
  }
}

/** The figures of the page's indicator strip (numerator/denominator per indicator). */
export async function stripFigures(page: Page): Promise<string> {
  const items = page.getByTestId('indicator-strip').locator('[data-figure]');
  const n = await items.count();
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) out.push((await items.nth(i).getAttribute('data-figure')) ?? '');
  return out.join(' ');
}

async function listTotal(page: Page): Promise<string> {
  return ((await page.getByTestId('list-total').textContent()) ?? '').trim();
}

async function exercise(ctx: TestContext, page: Page, def: LedgerDef): Promise<void> {
  const tag = `E${Date.now().toString(36).slice(-4)}`;
  const lc = ledgerCase(def, tag);
  try {
    await page.goto(`/ledgers/${def.key}?year=${TEST_YEAR}`);
    await page.getByRole('heading', { name: def.title, exact: true }).waitFor();
    await expect.poll(() => listTotal(page), POLL).toBe('共 0 条');
    const strip = page.getByTestId('indicator-strip');
    await strip.locator('[data-figure]').first().waitFor();
    const initial = await stripFigures(page);

    // 新增: the required fields only.
    await page.getByTestId('ledger-new').click();
    await page.getByTestId('record-form').waitFor();
    for (const [name, fd] of Object.entries(def.fields))
      if (fd.required) await fillField(page, fd, lc.form[name] ?? null);
    await page.getByTestId('record-save').click();
    await page.getByText('已新增', { exact: true }).waitFor();
    await expect.poll(() => listTotal(page), POLL).toBe('共 1 条');

    // 编辑: change one field and check what the server stored.
    await page.getByTestId('ledger-table').getByRole('button', { name: '编辑' }).first().click();
    await page.getByTestId('record-form').waitFor();
    const fd = def.fields[lc.edit.field]!;
    const input = page.getByTestId('record-form').getByLabel(fd.label, { exact: true });
    await page
      .locator('.ant-drawer')
      .getByText(/^填报单位：/)
      .waitFor();
    await input.fill(String(lc.edit.value));
    await page.getByTestId('record-save').click();
    await page.getByText('已保存', { exact: true }).waitFor();
    const api = await signedIn(ctx.app, 'coordinator');
    const list = await api.get<{ items: Array<{ unitName: string; values: Record<string, unknown> }> }>(
      `/api/ledgers/${def.key}/records`,
    );
    expect(list.body.items.map((r) => r.values[lc.edit.field])).toEqual([lc.edit.value]);

    // 导入: the template, downloaded as the page offers it, with two rows filled in.
    const afterCreate = await stripFigures(page);
    const template = await page.context().request.get(`/api/ledgers/${def.key}/template.xlsx`);
    expect(template.ok()).toBe(true);
    const file = await fillTemplate(def, Buffer.from(await template.body()), lc.rows);
    await page.getByTestId('ledger-import').click();
    // The coordinator reports for every unit: the template's rows go to the unit of the record above.
    await choose(page, page.locator('.ant-modal').getByLabel('默认填报单位'), list.body.items[0]!.unitName);
    await page.locator('.ant-modal input[type="file"]').setInputFiles({
      name: `${def.title}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('新增 2 条');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => listTotal(page), POLL).toBe('共 3 条');

    // The ledger's indicators for the year moved with the new records.
    await expect.poll(() => stripFigures(page), POLL).not.toBe(afterCreate);
    expect(await stripFigures(page)).not.toBe(initial);
  } catch (e) {
    await page.screenshot({ path: `/tmp/fazhi-fail-${def.key}.png`, fullPage: true }).catch(() => {});
    throw e;
  }
}

export function ledgerSuite(part: number, of: number): void {
  if (skipReason) console.log(skipReason);
  const mine = LEDGERS.filter((_, i) => i % of === part);

  describe.skipIf(!hasChromium)(`浏览器：台账端到端（第 ${part + 1}/${of} 组）`, { timeout: 60_000 }, () => {
    let ctx: TestContext;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      ({ ctx, browser, page } = await openSignedInPage('coordinator'));
    });
    afterAll(() => closeBrowserApp({ ctx, browser }));

    it('GET /api/ledgers 列出的正是这些台账', async () => {
      const api = await signedIn(ctx.app, 'coordinator');
      const res = await api.get<Array<{ key: string }>>('/api/ledgers');
      expect(res.body.map((l) => l.key)).toEqual(LEDGERS.map((l) => l.key));
    });

    it.each(mine.map((d) => [d.title, d] as const))(
      '%s：新增、修改、导入两行模板，指标随之变化',
      async (_title, def) => {
        await exercise(ctx, page, def);
      },
    );
  });
}
