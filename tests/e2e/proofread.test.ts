// 报告体检 with 与台账数据比对: a rate that contradicts both its own counts and the ledger shows as two
// labelled findings with at most one 采纳 each, and the figures table names indicators in Chinese.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator } from '../../src/domain/indicators/catalog.ts';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, loginViaApi, openBrowserApp, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

/** Waits for the page under load: the 2-core machine runs two browser files at once. */
const POLL = { timeout: 15_000, interval: 150 };

/** Last year: on the page's 报告年度 list, and the test county has no ledger records of its own. */
const YEAR = new Date().getFullYear() - 1;
const SENTENCE = '全年办理行政复议案件43件，纠错16件，纠错率为38.2%。';

async function pickYear(page: Page, year: number) {
  await page.getByLabel('报告年度').click();
  await page.locator('.ant-select-dropdown:visible').getByText(`${year}年`, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
}

/** The findings in the list whose excerpt is 「excerpt」. */
function findingsOn(page: Page, excerpt: string): Locator {
  return page
    .getByTestId('findings')
    .getByTestId('finding')
    .filter({ hasText: `「${excerpt}」` });
}

describe.skipIf(!hasChromium)('浏览器：报告体检与台账比对', { timeout: 90_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let coordinator: Client;

  beforeAll(async () => {
    ({ ctx, browser } = await openBrowserApp());
    coordinator = await signedIn(ctx.app, 'coordinator');
    const justice = (await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局'))
      .body.items[0]!.id;
    // The ledger: 37 cases decided, 14 of them corrected — 纠错率 37.8%, not the text's 16 ÷ 43 = 37.2%.
    for (let i = 0; i < 37; i += 1) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', {
        unitId: justice,
        values: {
          caseNo: `体检〔${YEAR}〕${i + 1}号`,
          applicant: '张三',
          respondent: '示范县市场监督管理局',
          receivedOn: `${YEAR}-03-01`,
          acceptedOn: `${YEAR}-03-04`,
          acceptance: '受理',
          procedure: '普通程序',
          decidedOn: `${YEAR}-05-20`,
          decision: i < 14 ? '撤销' : '维持',
        },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await closeBrowserApp({ ctx, browser });
  });

  it('纠错率与文中数量、与台账都不符：两条各自标明的问题，各至多一个「采纳」；对应指标显示中文名称', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/proofread');
      await pickYear(page, YEAR);
      await page.getByLabel('与台账数据比对').click();
      await page.getByTestId('proofread-input').fill(SENTENCE);
      await page.getByTestId('proofread-run').click();
      await page.getByTestId('proofread-summary').getByText('已与台账数据比对').waitFor(POLL);

      const onRate = findingsOn(page, '38.2%');
      await expect.poll(() => onRate.count(), POLL).toBe(2);
      const internal = onRate.filter({ has: page.getByTestId('finding-title').getByText('比率与数量不符') });
      const ledger = onRate.filter({ has: page.getByTestId('finding-title').getByText('与台账数据不符') });
      expect(await internal.count()).toBe(1);
      expect(await ledger.count()).toBe(1);
      // Each says that the same words have another problem, and which.
      for (const f of [internal, ledger])
        expect(await f.getByTestId('finding-same-span').textContent()).toBe(
          '同一处共有 2 个问题：比率与数量不符、与台账数据不符',
        );
      // The text's own counts give the one fix; the ledger's figure is named, without a second 采纳.
      expect(await internal.textContent()).toContain('建议改为：「37.2%」');
      expect(await internal.getByRole('button', { name: '采纳' }).count()).toBe(1);
      expect(await ledger.textContent()).toContain('平台台账为37.8%（14÷37）');
      expect(await ledger.getByRole('button', { name: '采纳' }).count()).toBe(0);
      expect(await ledger.textContent()).not.toContain('建议改为');
      // One highlighted span, its tooltip naming both checks.
      const mark = page.getByTestId('proofread-text').locator('mark', { hasText: '38.2%' });
      expect(await mark.count()).toBe(1);
      const tip = (await mark.getAttribute('title')) ?? '';
      expect(tip).toContain('【比率与数量不符】');
      expect(tip).toContain('【与台账数据不符】');

      // 对应指标: the indicator's Chinese name for each figure, never its id.
      const table = page.locator('.ant-card', { hasText: '报告中的数字' }).locator('.ant-table-tbody');
      const metricCells = table.locator('tr.ant-table-row td:last-child');
      await expect.poll(() => metricCells.count(), POLL).toBe(3);
      expect((await metricCells.allTextContents()).map((t) => t.trim())).toEqual([
        indicator('reconsideration.cases')?.label,
        indicator('reconsideration.corrected')?.label,
        indicator('reconsideration.correctionRate')?.label,
      ]);
      expect(await table.textContent()).not.toContain('reconsideration');

      // Taking the one fix: the rate now agrees with the text, and only the ledger's findings remain.
      await internal.getByRole('button', { name: '采纳' }).click();
      await expect
        .poll(() => page.getByTestId('proofread-input').inputValue(), POLL)
        .toBe('全年办理行政复议案件43件，纠错16件，纠错率为37.2%。');
      // Until the re-check answers, the old list still shows the taken fix 「37.2%」 in its own finding:
      // wait for the new list, where the only finding on 37.2% is the ledger's.
      await expect
        .poll(() => findingsOn(page, '37.2%').getByTestId('finding-title').allTextContents(), POLL)
        .toEqual(['与台账数据不符']);
    }));
});
