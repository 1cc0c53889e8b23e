// Browser tests of 工作日历与指标口径 (/settings/region): the coordinator adds and removes a local
// holiday and changes the 纠错率 denominator, each checked through the API; the leader only reads; the
// auditor finds these changes, and a ledger write, under their Chinese names in the audit log.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import {
  choose,
  closeBrowserApp,
  loginViaApi,
  menuTexts,
  newPage,
  openBrowserApp,
  withPage,
} from './helpers.ts';

if (skipReason) console.log(skipReason);

/** Waits for the page under load: the 2-core machine runs two browser files at once. */
const POLL = { timeout: 20_000, interval: 150 };

const RATE = 'reconsideration.correctionRate';
const DAY = '2025-10-10';

interface Calendar {
  region: { code: string; name: string };
  version: number;
  overrides: {
    holidays?: string[];
    workdays?: string[];
    removeHolidays?: string[];
    removeWorkdays?: string[];
  };
}

async function calendar(client: Client): Promise<Calendar> {
  const res = await client.get<Calendar>('/api/calendar');
  expect(res.status).toBe(200);
  return res.body;
}

async function formula(client: Client): Promise<string> {
  const res = await client.get<{ items: Array<{ id: string; formula: string }> }>(
    `/api/indicators?year=2025&ids=${RATE}`,
  );
  expect(res.status).toBe(200);
  return res.body.items.find((i) => i.id === RATE)?.formula ?? '';
}

/** The OK button of the open Popconfirm. */
function confirmButton(page: Page, name: string) {
  return page.locator('.ant-popconfirm-buttons:visible').getByRole('button', { name, exact: true });
}

describe.skipIf(!hasChromium)('浏览器：工作日历与指标口径', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let coordinator: Client;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
    coordinator = await signedIn(ctx.app, 'coordinator');
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('依法治县办：通过菜单打开，添加本地休假日并保存，版本冲突时提示，再移除', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'coordinator');
      expect(await menuTexts(page)).toContain('工作日历与指标口径');
      await page.getByRole('menuitem', { name: '工作日历与指标口径' }).click();
      await page.waitForURL(/\/settings\/region$/);
      await page.getByRole('heading', { name: '工作日历与指标口径' }).waitFor();
      const region = (await calendar(coordinator)).region.name;
      await expect.poll(() => page.getByTestId('region-name').textContent(), POLL).toContain(region);

      const card = page.getByTestId('calendar-card');
      const picker = card.getByTestId('calendar-picker-holidays').locator('input');
      await picker.click();
      await picker.fill(DAY);
      await picker.press('Enter');
      await expect.poll(() => picker.inputValue(), POLL).toBe(DAY);
      await card.getByTestId('calendar-add-holidays').click();
      const tag = card.getByTestId(`calendar-item-holidays-${DAY}`);
      await tag.waitFor();
      expect(await tag.textContent()).toContain('周五');
      await page.screenshot({ path: '/tmp/fazhi-region-settings.png', fullPage: true });
      await card.getByTestId('calendar-save').click();
      await page.getByText(/工作日历已保存/).waitFor();
      await expect.poll(async () => (await calendar(coordinator)).overrides.holidays, POLL).toEqual([DAY]);
      const saved = await calendar(coordinator);
      expect(saved.overrides.workdays ?? []).toEqual([]);
      // The page reloaded the saved state: nothing left to save.
      await expect.poll(() => card.getByTestId('calendar-save').isDisabled(), POLL).toBe(true);

      // Someone else saves meanwhile: the removal is refused with the conflict message.
      const other = await coordinator.put('/api/calendar', {
        holidays: [DAY],
        workdays: [],
        removeHolidays: [],
        removeWorkdays: [],
        version: saved.version,
      });
      expect(other.status).toBe(200);
      await card.getByTestId(`calendar-remove-holidays-${DAY}`).click();
      await confirmButton(page, '移除').click();
      await expect.poll(() => tag.count(), POLL).toBe(0);
      await card.getByTestId('calendar-save').click();
      await expect
        .poll(() => card.getByTestId('calendar-error').textContent(), POLL)
        .toContain('已被他人修改');
      // The latest calendar was loaded again (the date is back); removing it once more succeeds.
      await tag.waitFor();
      await card.getByTestId(`calendar-remove-holidays-${DAY}`).click();
      await confirmButton(page, '移除').click();
      await expect.poll(() => tag.count(), POLL).toBe(0);
      await card.getByTestId('calendar-save').click();
      await expect.poll(async () => (await calendar(coordinator)).overrides.holidays, POLL).toEqual([]);
      await expect.poll(() => card.getByTestId('calendar-error').count(), POLL).toBe(0);
    }));

  it('依法治县办：纠错率分母改为受理件数后公式随之改变，恢复默认后还原', async () => {
    expect(await formula(coordinator)).toBe('纠错件数 ÷ 审结件数');
    const { context, page } = await newPage(browser, base);
    try {
      await loginViaApi(page, 'coordinator');
      await page.goto('/settings/region');
      const section = page.getByTestId('indicator-config-card').getByTestId(`indicator-${RATE}`);
      const shown = section.getByTestId(`indicator-formula-${RATE}`);
      await expect.poll(() => shown.textContent(), POLL).toBe('纠错件数 ÷ 审结件数');
      const save = section.getByTestId(`indicator-save-${RATE}`);
      expect(await save.isDisabled()).toBe(true);

      await section.getByRole('radio', { name: '受理件数' }).check();
      await expect.poll(() => save.isDisabled(), POLL).toBe(false);
      await save.click();
      await page.getByText(/口径已保存/).waitFor();
      await expect.poll(() => shown.textContent(), POLL).toContain('受理件数');
      await expect.poll(() => formula(coordinator), POLL).toBe('（本地区口径）纠错件数 ÷ 受理件数');
      const config = await coordinator.get<{ items: Array<{ id: string; current: unknown }> }>(
        '/api/indicator-config',
      );
      expect(config.body.items.find((i) => i.id === RATE)?.current).toEqual({ denominator: 'accepted' });

      await section.getByTestId(`indicator-reset-${RATE}`).click();
      await confirmButton(page, '恢复默认').click();
      await page.getByText(/已恢复默认口径/).waitFor();
      await expect.poll(() => shown.textContent(), POLL).toBe('纠错件数 ÷ 审结件数');
      await expect.poll(() => formula(coordinator), POLL).toBe('纠错件数 ÷ 审结件数');
      expect(await section.getByRole('radio', { name: /^审结件数/ }).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('依法治县办：把规范性文件报送备案期限改为30日，确认后生效，再恢复默认', async () => {
    const FILING = 'normative_document.filing';
    const days = async () =>
      (
        await coordinator.get<{ items: Array<{ id: string; days: number }> }>('/api/deadline-limits')
      ).body.items.find((i) => i.id === FILING)?.days;
    const { context, page } = await newPage(browser, base);
    try {
      await loginViaApi(page, 'coordinator');
      await page.goto('/settings/region');
      const card = page.getByTestId('limits-card');
      const input = card.getByTestId(`limit-days-${FILING}`);
      await input.waitFor();
      await expect.poll(() => input.inputValue(), POLL).toBe('15');
      await input.fill('30');
      await card.getByTestId(`limit-save-${FILING}`).click();
      await confirmButton(page, '保存').click();
      await page.getByText('「报送备案」已改为 30日').waitFor();
      await expect.poll(days, POLL).toBe(30);
      await card.getByTestId(`limit-reset-${FILING}`).click();
      await confirmButton(page, '恢复默认').click();
      await page.getByText('「报送备案」已恢复默认').waitFor();
      await expect.poll(days, POLL).toBe(15);
      await expect.poll(() => input.inputValue(), POLL).toBe('15');
    } finally {
      await context.close();
    }
  });

  it('领导只读：菜单中没有该项，按地址打开只能查看，没有添加、保存、恢复默认按钮', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'leader');
      expect(await menuTexts(page)).not.toContain('工作日历与指标口径');
      await page.goto('/settings/region');
      await page.getByTestId('region-settings-readonly').waitFor();
      const calendarCard = page.getByTestId('calendar-card');
      await calendarCard.getByTestId('calendar-list-holidays').waitFor();
      const section = page.getByTestId(`indicator-${RATE}`);
      await expect
        .poll(() => section.getByTestId(`indicator-formula-${RATE}`).textContent(), POLL)
        .toBe('纠错件数 ÷ 审结件数');
      expect(await page.getByTestId('calendar-save').count()).toBe(0);
      expect(await page.getByTestId('calendar-add-holidays').count()).toBe(0);
      expect(await page.getByTestId(`indicator-save-${RATE}`).count()).toBe(0);
      expect(await page.getByTestId(`indicator-reset-${RATE}`).count()).toBe(0);
      expect(await page.getByTestId('limit-save-normative_document.filing').count()).toBe(0);
      expect(await page.getByTestId('limit-days-normative_document.filing').isDisabled()).toBe(true);
      expect(await section.getByRole('radio', { name: '受理件数' }).isDisabled()).toBe(true);
      // The API refuses a change as well.
      const leader = await signedIn(ctx.app, 'leader');
      const res = await leader.put('/api/indicator-config', {
        overrides: { [RATE]: { denominator: 'accepted' } },
        version: 0,
      });
      expect(res.status).toBe(403);
    }));

  it('审计管理员：地区设置与台账记录的修改在审计日志中以中文名称显示，可按操作筛选', async () => {
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    const created = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: units.body.items[0]!.id,
      values: { caseNo: '审计〔2025〕1号', applicant: '甲', respondent: '某局', receivedOn: '2025-10-09' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { context, page } = await newPage(browser, base);
    try {
      await loginViaApi(page, 'auditor');
      await page.goto('/audit');
      // The earlier tests of this file saved the calendar, an indicator definition and a limit.
      for (const label of [
        '修改工作日历（calendar.update）',
        '修改指标口径（indicators.config.update）',
        '修改法定期限（limits.update）',
        '新增台账记录（ledger.reconsideration.create）',
      ]) {
        await choose(page, page.getByLabel('操作'), label);
        await page.getByRole('button', { name: '查询' }).click();
        const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
        await expect.poll(() => row.textContent(), POLL).toContain(label);
        expect(await row.textContent()).toContain('coordinator');
      }
    } finally {
      await context.close();
    }
  });
});
