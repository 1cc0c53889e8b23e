// What a new user sees on a laptop screen (issue 9, items 6 and 12): the actions of every ledger list
// within reach at 1366×768, a strip that says when it has more cards than fit, and the display rules
// of docs/ledgers.md (显示格式) — money, years and months, date-times, choices — plus the pages that
// must not offer what the user cannot do.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../src/domain/indicators/catalog.ts';
import type { LedgerDef, LedgerRecord } from '../../src/domain/ledgers/define.ts';
import { LEDGERS } from '../../src/domain/ledgers/index.ts';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, loginViaApi, openBrowserApp } from './helpers.ts';
import { ledgerCase } from './ledger-data.ts';

const POLL = { timeout: 15_000, interval: 150 };
const LAPTOP = { width: 1366, height: 768 };

/** A generated record as the API takes it: money in 元, no derived fields. */
function apiValues(def: LedgerDef, r: LedgerRecord): LedgerRecord {
  const out: LedgerRecord = {};
  for (const [k, fd] of Object.entries(def.fields)) {
    if (fd.derived) continue;
    const v = r[k] ?? null;
    out[k] = fd.type === 'money' && typeof v === 'number' ? v / 100 : v;
  }
  return out;
}

async function create(api: Client, def: LedgerDef, values: LedgerRecord): Promise<string> {
  const res = await api.post<{ id: string }>(`/api/ledgers/${def.key}/records`, { values });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`${def.key}: create failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Whether the element can be seen and clicked where it is: inside the window, and not covered (a
 * column scrolled under a pinned one, or cut off by the edge, fails). Only the page scrolls vertically
 * to reach it, as a user would; nothing is scrolled sideways.
 */
async function reachable(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const first = node.getBoundingClientRect();
    window.scrollBy(0, first.top - window.innerHeight / 2);
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.left < 0 || r.top < 0) return false;
    if (r.right > window.innerWidth || r.bottom > window.innerHeight) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === node || node.contains(hit));
  });
}

/** The page itself never scrolls sideways: wide tables scroll inside their card. */
async function pageFitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function openLedger(page: Page, def: LedgerDef, query = ''): Promise<void> {
  await page.goto(`/ledgers/${def.key}${query}`);
  await page.getByRole('heading', { name: def.title, exact: true }).waitFor();
  await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
}

if (skipReason) console.log(skipReason);

describe.skipIf(!hasChromium)('浏览器：1366×768 下的布局与显示格式', { timeout: 120_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let api: Client;

  async function withUser(
    username: string,
    fn: (page: Page) => Promise<void>,
    viewport: { width: number; height: number } = LAPTOP,
  ): Promise<void> {
    const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await loginViaApi(page, username);
      await fn(page);
    } catch (e) {
      await page
        .screenshot({ path: `/tmp/fazhi-layout-fail-${username}.png`, fullPage: true })
        .catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
    api = await signedIn(ctx.app, 'coordinator');
    // One complete record in every ledger: the widest list the ledger has.
    for (const def of LEDGERS) await create(api, def, apiValues(def, ledgerCase(def, 'L').rows[0]));
  });

  afterAll(async () => {
    await closeBrowserApp({ ctx, browser });
  });

  // One test per ledger: each has the whole time limit, however loaded the machine is.
  it.each(LEDGERS.map((def) => [def.title, def] as const))(
    '%s：列表的「编辑」「删除」都在窗口内，点击「编辑」打开编辑抽屉',
    async (_title, def) => {
      await withUser('coordinator', async (page) => {
        await openLedger(page, def);
        const row = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first();
        const edit = row.getByRole('button', { name: '编辑' });
        const remove = row.getByRole('button', { name: '删除' });
        expect(await pageFitsWidth(page), '页面横向溢出').toBe(true);
        expect(await reachable(edit), '「编辑」不在可见区域').toBe(true);
        expect(await reachable(remove), '「删除」不在可见区域').toBe(true);
        await edit.click();
        const drawer = page.locator('.ant-drawer').filter({ hasText: `编辑${def.title}记录` });
        await drawer.getByTestId('record-form').waitFor();
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'hidden' });
      });
    },
  );

  it('1440 宽时行政执法年度数据的「删除」完整可见', async () => {
    const def = LEDGERS.find((d) => d.key === 'enforcementAnnual')!;
    await withUser(
      'coordinator',
      async (page) => {
        await openLedger(page, def);
        const row = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first();
        expect(await reachable(row.getByRole('button', { name: '删除' }))).toBe(true);
      },
      { width: 1440, height: 900 },
    );
  });

  it('指标卡片放不下时提示还有更多，并可滚动到最后一张', async () => {
    const count = (d: LedgerDef) =>
      INDICATORS.filter((i) => [...i.numerator, ...(i.denominator ?? [])].some((r) => r.ledger === d.key))
        .length;
    const def = [...LEDGERS].sort((a, b) => count(b) - count(a))[0]!;
    await withUser('coordinator', async (page) => {
      await openLedger(page, def);
      const strip = page.getByTestId('indicator-strip');
      const cards = strip.locator('[data-figure]');
      await expect.poll(() => cards.count(), POLL).toBe(count(def));
      await expect
        .poll(() => strip.getByTestId('strip-hint').textContent(), POLL)
        .toBe(`共 ${count(def)} 项，左右滚动查看全部`);
      const last = cards.last();
      expect(await reachable(last)).toBe(false);
      const next = strip.getByTestId('strip-next');
      // Page on until the 后面 button goes: it leaves once the strip reaches its end, which may happen
      // between seeing it and clicking it, so a click only waits briefly for it.
      await expect
        .poll(async () => {
          if (await next.isVisible()) await next.click({ timeout: 1_000 }).catch(() => undefined);
          return next.isVisible();
        }, POLL)
        .toBe(false);
      await strip.getByTestId('strip-prev').waitFor();
      await expect.poll(() => reachable(last), POLL).toBe(true);
    });
  });

  it('金额有千位分隔、1万元以上以万元显示；统计年度为 2024年、统计月份为 2024年12月', async () => {
    const annual = LEDGERS.find((d) => d.key === 'enforcementAnnual')!;
    const monthly = LEDGERS.find((d) => d.key === 'mediationMonthly')!;
    // 2024 holds only these records, so the year's figures are theirs alone.
    const a = apiValues(annual, ledgerCase(annual, 'M').rows[1]);
    const annualId = await create(api, annual, {
      ...a,
      year: '2024-01-01',
      publishedOn: null,
      fines: 16134482,
    });
    const m = apiValues(monthly, ledgerCase(monthly, 'M').rows[1]);
    const monthlyId = await create(api, monthly, { ...m, month: '2024-12-01', amount: 9876.5 });

    await withUser('coordinator', async (page) => {
      await openLedger(page, annual, '?year=2024&from=2024-01-01&to=2024-12-31');
      const strip = page.getByTestId('indicator-strip');
      await expect
        .poll(() => strip.getByTestId('strip-enforcement.fines').locator('.strip-value').textContent(), POLL)
        .toBe('1,613.45万元');
      const row = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => row.count(), POLL).toBe(1);
      expect(await row.first().locator('td').first().textContent()).toBe('2024年');
      await page.goto(`/ledgers/${annual.key}?record=${annualId}`);
      const form = page.getByTestId('record-form');
      await expect.poll(() => form.getByLabel('统计年度', { exact: true }).inputValue(), POLL).toBe('2024年');
      expect(await form.getByLabel('罚没金额（元）', { exact: true }).inputValue()).toBe('16,134,482.00');
      // One date-time format: 2026-12-01 19:07.
      expect(
        await page
          .locator('.ant-drawer')
          .getByText(/^填报单位：/)
          .textContent(),
      ).toMatch(/最后修改：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

      await openLedger(page, monthly, '?year=2024&from=2024-12-01&to=2024-12-31');
      await expect
        .poll(() => page.getByTestId('strip-mediation.amount').locator('.strip-value').textContent(), POLL)
        .toBe('9,876.50元');
      const monthRow = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => monthRow.count(), POLL).toBe(1);
      expect(await monthRow.first().locator('td').first().textContent()).toBe('2024年12月');
      await page.goto(`/ledgers/${monthly.key}?record=${monthlyId}`);
      await expect
        .poll(
          () => page.getByTestId('record-form').getByLabel('统计月份', { exact: true }).inputValue(),
          POLL,
        )
        .toBe('2024年12月');
    });
  });

  it('字典项为「请选择…」，必选未选时提示「请选择…」', async () => {
    const def = LEDGERS.find((d) => d.key === 'litigation')!;
    await withUser('coordinator', async (page) => {
      await page.goto(`/ledgers/${def.key}`);
      await page.getByTestId('ledger-new').click();
      const form = page.getByTestId('record-form');
      await form.waitFor();
      const item = form.locator('.ant-form-item').filter({ has: page.getByLabel('审级', { exact: true }) });
      expect(await item.locator('.ant-select-placeholder').textContent()).toBe('请选择审级');
      await page.getByTestId('record-save').click();
      await expect.poll(() => item.locator('.ant-form-item-explain').textContent(), POLL).toBe('请选择审级');
    });
  });

  it('行政复议列表显示受理情况，不予受理的案件一眼可见', async () => {
    const def = LEDGERS.find((d) => d.key === 'reconsideration')!;
    const values: LedgerRecord = { ...apiValues(def, ledgerCase(def, 'R').form), acceptance: '不予受理' };
    await create(api, def, values);
    await withUser('coordinator', async (page) => {
      await openLedger(page, def, `?q=${encodeURIComponent(String(values.caseNo))}`);
      const table = page.getByTestId('ledger-table');
      expect(await table.locator('thead').getByText('受理情况', { exact: true }).count()).toBe(1);
      const row = table.locator('tbody tr.ant-table-row');
      await expect.poll(() => row.count(), POLL).toBe(1);
      expect(await row.getByText('不予受理', { exact: true }).count()).toBe(1);
    });
  });

  it('退出登录后地址是 /login，不带 ?from=', async () => {
    await withUser('coordinator', async (page) => {
      await page.goto('/dashboard');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe('/login');
    });
  });

  it('只读的领导看不到「下载模板」，仍可导出', async () => {
    const def = LEDGERS.find((d) => d.key === 'reconsideration')!;
    await withUser('leader', async (page) => {
      await page.goto(`/ledgers/${def.key}`);
      await page.getByTestId('export').waitFor();
      expect(await page.getByText('下载模板').count()).toBe(0);
    });
  });

  it('系统管理员新增用户：没有角色项，提示角色由安全管理员分配；最后登录为同一时间格式', async () => {
    await withUser('sysadmin', async (page) => {
      await page.goto('/org/users');
      const self = page.locator('tbody tr.ant-table-row').filter({ hasText: 'sysadmin' });
      await expect
        .poll(() => self.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).count(), POLL)
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: '新增用户' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '新增用户' });
      await dialog.getByLabel('用户名').waitFor();
      expect(await dialog.getByTestId('roles-hint').textContent()).toContain('角色由安全管理员分配');
      expect(await dialog.locator('.ant-form-item-label').allInnerTexts()).not.toContain('角色');
    });
  });

  it('审核人在本单位一行看不到「停用」「调整上级」，下级单位可以', async () => {
    await withUser('town_approver', async (page) => {
      await page.goto('/org/units');
      const rowOf = (name: string) =>
        page.locator('tbody tr.ant-table-row').filter({ has: page.getByRole('link', { name, exact: true }) });
      const own = rowOf('城关镇');
      await own.waitFor();
      expect(await own.getByText('编辑', { exact: true }).count()).toBe(1);
      expect(await own.getByText('停用', { exact: true }).count()).toBe(0);
      expect(await own.getByText('调整上级', { exact: true }).count()).toBe(0);
      const child = rowOf('城关镇司法所');
      expect(await child.getByText('停用', { exact: true }).count()).toBe(1);
      expect(await child.getByText('调整上级', { exact: true }).count()).toBe(1);
      // The unit's page writes its time the one way the interface does.
      await own.getByRole('link', { name: '城关镇', exact: true }).click();
      const updated = page
        .locator('.ant-descriptions-item-label', { hasText: '更新时间' })
        .locator('xpath=following-sibling::td[1]');
      await expect.poll(() => updated.textContent(), POLL).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });
  });
});
