// Browser tests of what a user is offered for who they are: a township reporter's 工作台 (本月应办,
// its own ledgers), ledger index, 新增 and dashboard follow the ledgers a township keeps; the full
// to-do page filters; a record opened from it shows its deadline and the days left.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { choose, closeBrowserApp, loginViaApi, openBrowserApp, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

const POLL = { timeout: 15_000, interval: 150 };

/** A date `days` before today in China (the server's today). */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

describe.skipIf(!hasChromium)('浏览器：工作台、按单位类型的台账与全部待办', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let coordinator: Client;
  let monthLabel = '';

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
    coordinator = await signedIn(ctx.app, 'coordinator');
    const justice = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    // Two applications received two months ago and never decided on acceptance: 超期 in two units.
    for (const [caseNo, unitId] of [
      ['待办页〔2026〕1号', undefined],
      ['待办页〔2026〕2号', justice.body.items[0]!.id],
    ] as const) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', {
        ...(unitId ? { unitId } : {}),
        values: { caseNo, applicant: '张三', respondent: '某局', receivedOn: daysAgo(60) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const town = await signedIn(ctx.app, 'town_reporter');
    const reports = await town.get<{ items: Array<{ ledger: string; periodLabel: string }> }>(
      '/api/todo/reports',
    );
    monthLabel = reports.body.items.find((r) => r.ledger === 'mediationMonthly')!.periodLabel;
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('城关镇填报员的工作台说本月应报的月报，捷径只通往乡镇的台账', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'town_reporter');
      const due = page.getByTestId('due-this-month');
      await expect
        .poll(() => due.getByTestId('due-report-mediationMonthly').textContent(), POLL)
        .toContain(`人民调解月度统计（${monthLabel}）`);
      expect(await due.getByTestId('due-report-mediationMonthly').textContent()).toContain('待报');
      expect(await due.getByTestId('due-records').textContent()).toMatch(/超期 0.*临期 0/);
      const mine = page.getByTestId('my-ledgers');
      await mine.getByTestId('my-ledger-mediationMonthly').waitFor();
      expect(await mine.getByTestId('my-ledger-reconsideration').count()).toBe(0);
      expect(await mine.getByTestId('my-ledger-notarization').count()).toBe(0);
      await due.getByTestId('todo-all').click();
      await page.getByRole('heading', { name: '全部待办' }).waitFor();
    }));

  it('乡镇的台账目录没有行政复议；行政复议页没有新增并说明由谁填报；调解案件页说明指标的来源', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'town_reporter');
      await page.goto('/ledgers');
      await page.getByTestId('ledger-mediationMonthly').waitFor();
      expect(await page.getByTestId('ledger-reconsideration').count()).toBe(0);
      expect(await page.getByTestId('ledgers-elsewhere').textContent()).toMatch(
        /另有 \d+ 个台账由其他类型的单位填报/,
      );

      await page.goto('/ledgers/reconsideration');
      await page.getByTestId('ledger-kept-by').waitFor();
      expect(await page.getByTestId('ledger-kept-by').textContent()).toContain(
        '本台账由政府、依法治县办/司法局填报',
      );
      await page.getByTestId('ledger-table').waitFor();
      expect(await page.getByTestId('ledger-new').count()).toBe(0);
      expect(await page.getByTestId('ledger-import').count()).toBe(0);

      await page.goto('/ledgers/mediationMonthly');
      await page.getByTestId('ledger-new').waitFor();

      await page.goto('/ledgers/mediationCase');
      const source = page.getByTestId('ledger-figures-source');
      await source.waitFor();
      expect(await source.textContent()).toContain('本台账指标同时计入「人民调解月度统计」');
      expect(await source.textContent()).toContain('含辖区村居调委会');
    }));

  it('乡镇的数据看板只有乡镇会有的指标卡片', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'town_reporter');
      await page.goto('/dashboard');
      await page.getByTestId('card-mediation.successRate').waitFor();
      expect(await page.getByTestId('card-reconsideration.correctionRate').count()).toBe(0);
      expect(await page.getByTestId('card-reconsideration.received').count()).toBe(0);
      expect(await page.getByTestId('card-legalAid.cases').count()).toBe(0);
    }));

  it('全部待办按状态、单位筛选；从待办打开的记录显示到期日和超期天数', () =>
    withPage(browser, base, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/todo?status=overdue&ledger=reconsideration');
      const rows = page.getByTestId('todo-table').locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), POLL).toBe(2);
      await choose(page, page.getByRole('combobox', { name: '单位' }), '示范县司法局');
      await expect.poll(() => rows.count(), POLL).toBe(1);
      expect(await rows.first().textContent()).toContain('待办页〔2026〕2号');
      expect(new URL(page.url()).searchParams.get('unit')).toBe('示范县司法局');

      await page.goto('/todo?status=due_soon');
      await page.getByTestId('todo-table').locator('.ant-table-placeholder').waitFor();
      expect(await rows.count()).toBe(0);

      await page.goto('/todo?status=overdue');
      await page.getByRole('link', { name: /待办页〔2026〕1号/ }).click();
      const deadlines = page.getByTestId('record-deadlines');
      await deadlines.waitFor();
      expect(await deadlines.textContent()).toMatch(/到期，已超期 \d+ 天/);
    }));
});
