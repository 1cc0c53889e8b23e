// Browser: a 依法治县办 clerk looks at 人民调解案件 for 城关镇 含下级. The township's monthly statistic
// covers its villages, so the month it reports is not counted again from the cases, 矛盾纠纷调处率
// stays a share, and the figure's tooltip says the rule.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIATION_SOURCES } from '../../src/domain/indicators/catalog.ts';
import { signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, loginViaApi, openBrowserApp, withPage } from './helpers.ts';

if (skipReason) console.log(skipReason);

const POLL = { timeout: 15_000, interval: 150 };

describe.skipIf(!hasChromium)(
  '浏览器：人民调解指标不重复计数、调处率不超过 100%',
  { timeout: 60_000 },
  () => {
    let ctx: TestContext;
    let browser: Browser;
    let town = '';

    beforeAll(async () => {
      ({ ctx, browser } = await openBrowserApp());
      const coordinator = await signedIn(ctx.app, 'coordinator');
      const units = await coordinator.get<{ items: Array<{ id: string; name: string }> }>(
        `/api/units?q=${encodeURIComponent('城关镇')}`,
      );
      town = units.body.items.find((u) => u.name === '城关镇')!.id;
      const office = units.body.items.find((u) => u.name === '城关镇司法所')!.id;
      const statistic = await coordinator.post('/api/ledgers/mediationMonthly/records', {
        unitId: town,
        values: { month: '2025-03-01', screened: 12, accepted: 10, success: 9 },
      });
      expect(statistic.status, JSON.stringify(statistic.body)).toBe(201);
      for (const [i, receivedOn] of ['2025-03-05', '2025-03-28', '2025-04-02'].entries()) {
        const res = await coordinator.post('/api/ledgers/mediationCase/records', {
          unitId: office,
          values: {
            caseNo: `（2025）城关调字第${i + 1}号`,
            committee: '城关镇人民调解委员会',
            partyA: '张三',
            disputeType: '邻里纠纷',
            source: '当事人申请',
            receivedOn,
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    });
    afterAll(() => closeBrowserApp({ ctx, browser }));

    it('城关镇含下级：调解件数 11（3月统计 10 + 4月案件 1），调处率 83.3%，提示中写明规则', () =>
      withPage(browser, ctx.baseUrl!, async (page) => {
        await loginViaApi(page, 'coordinator');
        await page.goto(`/ledgers/mediationCase?unit=${town}&subtree=true&year=2025`);
        const cases = page.getByTestId('strip-mediation.cases');
        const handled = page.getByTestId('strip-mediation.handledRate');
        await expect.poll(() => cases.getAttribute('data-figure'), POLL).toBe('mediation.cases=11/');
        // Before: 13 cases (10 + 3) over 12 screened = 108.3%.
        await expect
          .poll(() => handled.getAttribute('data-figure'), POLL)
          .toBe('mediation.handledRate=10/12');
        expect(await handled.textContent()).toContain('83.3%');
        await cases.hover();
        const tip = page.getByRole('tooltip');
        await expect.poll(() => tip.textContent(), POLL).toContain(MEDIATION_SOURCES);
      }));
  },
);
