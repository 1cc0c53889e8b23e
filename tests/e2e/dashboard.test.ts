// Browser tests of the figures and their records (dashboard drill-down), who may do what on a ledger
// page, the import error report, and the 报告体检 page on a real county report.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';
import {
  choose,
  closeBrowserApp,
  listTotal,
  loginViaApi,
  newPage,
  openBrowserApp,
  withPage,
} from './helpers.ts';

if (skipReason) console.log(skipReason);

/** Waits for the page under load: the 2-core machine runs two browser files at once. */
const POLL = { timeout: 15_000, interval: 150 };

const CHENXI = resolve(import.meta.dirname, '../fixtures/reports/chenxi-2022.txt');

async function caseNumbers(page: Page): Promise<string[]> {
  const cells = page.getByTestId('ledger-table').locator('.ant-table-tbody tr.ant-table-row td:first-child');
  return (await cells.allTextContents()).map((t) => t.trim()).sort();
}

function reconsideration(caseNo: string, decision: string, unitId?: string) {
  return {
    ...(unitId ? { unitId } : {}),
    values: {
      caseNo,
      applicant: '张三',
      respondent: '示范县市场监督管理局',
      receivedOn: '2025-03-01',
      decidedOn: '2025-05-20',
      decision,
    },
  };
}

describe.skipIf(!hasChromium)('浏览器：看板下钻、台账权限、导入错误与报告体检', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let coordinator: Client;
  const corrected = ['看板〔2025〕1号', '看板〔2025〕2号', '看板〔2025〕3号'];
  let otherUnitRecord = '';

  beforeAll(async () => {
    ({ ctx, browser } = await openBrowserApp());
    coordinator = await signedIn(ctx.app, 'coordinator');
    for (const no of corrected) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', reconsideration(no, '撤销'));
      expect(res.status).toBe(201);
    }
    for (const no of ['看板〔2025〕4号', '看板〔2025〕5号']) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', reconsideration(no, '维持'));
      expect(res.status).toBe(201);
      otherUnitRecord = String(res.body.id);
    }
    const reporter = await signedIn(ctx.app, 'town_reporter');
    const own = await reporter.post(
      '/api/ledgers/reconsideration/records',
      reconsideration('城关〔2025〕1号', '维持'),
    );
    expect(own.status).toBe(201);
  });
  afterAll(() => closeBrowserApp({ ctx, browser }));

  it('看板点击纠错率的分子，列表正好是被纠错的案件', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/dashboard?year=2025');
      const card = page.getByTestId('card-reconsideration.correctionRate');
      await expect.poll(() => card.textContent(), POLL).toContain('50.0%');
      await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
      await page.screenshot({ path: '/tmp/fazhi-dashboard.png', fullPage: true });
      await card.getByTestId('num-reconsideration.correctionRate').click();
      await page.waitForURL(
        /\/ledgers\/reconsideration\?measure=corrected&periodFrom=2025-01-01&periodTo=2025-12-31/,
      );
      await page.getByTestId('drill-tag').waitFor();
      expect(await page.getByTestId('drill-tag').textContent()).toContain('纠错件数');
      await expect.poll(() => listTotal(page), POLL).toBe('共 3 条');
      expect(await caseNumbers(page)).toEqual([...corrected].sort());
      // Clearing the drill-down shows every record again.
      await page.getByRole('button', { name: '清除下钻' }).click();
      await expect.poll(() => listTotal(page), POLL).toBe('共 6 条');
    }));

  it('乡镇填报员（本单位）的单位比较只有城关镇，没有下级的城关镇司法所；点击柱形列出它计入的记录', async () => {
    const reporter = await signedIn(ctx.app, 'town_reporter');
    const mediation = (caseNo: string, result: string, unitId?: string) => ({
      ...(unitId ? { unitId } : {}),
      values: {
        caseNo,
        committee: '城关镇人民调解委员会',
        partyA: '李四',
        disputeType: '邻里纠纷',
        receivedOn: '2025-04-01',
        concludedOn: '2025-04-10',
        result,
      },
    });
    for (const [no, result] of [
      ['城关调〔2025〕1号', '调解成功'],
      ['城关调〔2025〕2号', '调解不成功'],
    ] as const)
      expect((await reporter.post('/api/ledgers/mediationCase/records', mediation(no, result))).status).toBe(
        201,
      );
    // A case of the 司法所 below 城关镇: outside the reporter's 本单位 scope.
    const below = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=城关镇司法所');
    const res = await coordinator.post(
      '/api/ledgers/mediationCase/records',
      mediation('司法所调〔2025〕1号', '调解成功', below.body.items[0]!.id),
    );
    expect(res.status).toBe(201);

    await withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'town_reporter');
      await page.goto('/dashboard?year=2025');
      const card = page.getByTestId('card-mediation.successRate');
      await expect.poll(() => card.textContent(), POLL).toContain('50.0%');
      await card.click();
      const rows = page.getByTestId('unit-figures').locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.locator('td:first-child').allTextContents(), POLL).toEqual(['城关镇']);
      expect(await rows.first().textContent()).toContain('50.0%');
      // The only bar stands in the middle of the plot (grid: 48px left, 24px right, 90px below); click 3px
      // above the axis so that the bar is hit while it still grows. The chart may redraw (and restart its
      // animation) as the figures arrive, which can swallow one click: click again until the list opens.
      const chart = page.getByTestId('unit-chart');
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      const drill =
        /\/ledgers\/mediationCase\?measure=success&periodFrom=2025-01-01&periodTo=2025-12-31&unit=/;
      await expect
        .poll(async () => {
          if (!drill.test(page.url()))
            await page.mouse.click(box.x + 48 + (box.width - 72) / 2, box.y + box.height - 93);
          return page.url();
        }, POLL)
        .toMatch(drill);
      await expect.poll(() => listTotal(page), POLL).toBe('共 1 条');
      expect(await caseNumbers(page)).toEqual(['城关调〔2025〕1号']);
    });
  });

  it('看板按季度和自定义日期区间统计，下钻带上同一区间', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      // Every case was decided on 2025-05-20.
      await page.goto('/dashboard?year=2025&from=2025-05-21&to=2025-06-30');
      const card = page.getByTestId('card-reconsideration.correctionRate');
      await expect.poll(() => card.textContent(), POLL).toContain('分母为 0');
      await page.getByTestId('dashboard-range').waitFor();
      // 第2季度 (chosen from the period menu) contains 05-20.
      await page.getByLabel('统计期间').click();
      await page.getByLabel('统计期间').fill('第2季度');
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="第2季度"]').click();
      await page.waitForURL(/quarter=2/);
      await expect.poll(() => card.textContent(), POLL).toContain('50.0%');
      expect(await page.getByTestId('dashboard-range').count()).toBe(0);
      // A range of one day, and the drill-down keeps it.
      await page.goto('/dashboard?year=2025&from=2025-05-20&to=2025-05-20');
      await expect.poll(() => card.textContent(), POLL).toContain('50.0%');
      await card.getByTestId('num-reconsideration.correctionRate').click();
      await page.waitForURL(/measure=corrected&periodFrom=2025-05-20&periodTo=2025-05-20/);
      await expect.poll(() => listTotal(page), POLL).toBe('共 3 条');
    }));

  it('乡镇填报员只看到本单位记录，按地址打开他单位记录没有编辑按钮', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'town_reporter');
      await page.goto('/ledgers/reconsideration');
      await expect.poll(() => listTotal(page), POLL).toBe('共 1 条');
      expect(await caseNumbers(page)).toEqual(['城关〔2025〕1号']);
      const units = await page
        .getByTestId('ledger-table')
        .locator('.ant-table-tbody tr.ant-table-row td:nth-last-child(2)')
        .allTextContents();
      expect(units).toEqual(['城关镇']);
      // A township does not keep 行政复议 (docs/ledgers.md): it reads its records but adds none.
      await page.getByTestId('ledger-kept-by').waitFor();
      await expect(page.getByTestId('ledger-new').count()).resolves.toBe(0);

      await page.goto(`/ledgers/reconsideration?record=${otherUnitRecord}`);
      await page.getByText('记录不存在，或不在您的数据范围内').waitFor();
      expect(await page.getByTestId('record-save').count()).toBe(0);
    }));

  it('领导只读：没有新增、导入按钮，只能查看', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'leader');
      await page.goto('/ledgers/reconsideration');
      await expect.poll(() => listTotal(page), POLL).toBe('共 6 条');
      expect(await page.getByTestId('ledger-new').count()).toBe(0);
      expect(await page.getByTestId('ledger-import').count()).toBe(0);
      await page.getByTestId('ledger-table').getByRole('button', { name: '查看' }).first().click();
      await page
        .locator('.ant-drawer')
        .getByText(/^填报单位：/)
        .waitFor();
      expect(await page.getByTestId('record-save').count()).toBe(0);
    }));

  it('导入含错误行的文件：显示错误表格和错误报告下载', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/ledgers/reconsideration');
      await expect.poll(() => listTotal(page), POLL).toBe('共 6 条');
      await page.screenshot({ path: '/tmp/fazhi-ledger.png', fullPage: true });
      const file = await xlsxFrom(RECONSIDERATION_HEADERS, [
        ['错〔2025〕1号', '李四', '示范县交通运输局', '行政处罚', '2025-04-01', '', '', '', '', ''],
        ['错〔2025〕2号', '', '示范县交通运输局', '行政处罚', '2025-13-45', '', '', '', '', ''],
      ]);
      await page.getByTestId('ledger-import').click();
      // The coordinator reports for every unit: the rows without 填报单位 go to the unit chosen here.
      await choose(page, page.locator('.ant-modal').getByLabel('默认填报单位'), '示范县司法局');
      await page.locator('.ant-modal input[type="file"]').setInputFiles({
        name: '错误.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });
      await page.getByTestId('import-errors').waitFor();
      expect(Number(await page.getByTestId('import-error-count').textContent())).toBeGreaterThanOrEqual(2);
      const rows = page.getByTestId('import-errors').locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), POLL).toBeGreaterThanOrEqual(2);
      expect((await rows.first().textContent()) ?? '').toContain('3');
      const href = await page.getByTestId('import-report').getAttribute('href');
      expect(href).toMatch(/^\/api\/ledgers\/import-reports\//);
      const report = await page.context().request.get(href!);
      expect(report.status()).toBe(200);
      expect(report.headers()['content-type']).toContain('spreadsheetml');
      // Nothing was written.
      await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await expect.poll(() => listTotal(page), POLL).toBe('共 6 条');
    }));

  it('报告体检：从 Word 粘贴的分页符、换行符不被当作非法字符，标注仍落在原文的位置', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/proofread');
      await page.getByTestId('proofread-input').fill('一、总体情况\f全县查处娱乐老虎机三台。\v下一段。');
      await page.getByTestId('proofread-run').click();
      const mark = page.getByTestId('proofread-text').locator('mark[data-severity="严重"]').first();
      await mark.waitFor(POLL);
      expect(await mark.textContent()).toBe('娱乐老虎机');
    }));

  it('报告体检：粘贴辰溪报告标出「娱乐老虎机」，采纳建议后文本随之修改并重新检查', async () => {
    const text = readFileSync(CHENXI, 'utf8');
    const { context, page } = await newPage(browser, ctx.baseUrl!);
    try {
      await loginViaApi(page, 'coordinator');
      await page.goto('/proofread');
      await page.getByTestId('proofread-input').fill(text);
      await page.getByTestId('proofread-run').click();
      const rendered = page.getByTestId('proofread-text');
      await rendered.locator('mark').first().waitFor();
      const marks = await rendered.locator('mark[data-severity="严重"]').allTextContents();
      expect(marks).toContain('娱乐老虎机');
      await expect(page.getByTestId('findings').textContent()).resolves.toContain('娱乐老虎机');
      await page.screenshot({ path: '/tmp/fazhi-proofread.png', fullPage: false });

      // The first 采纳 in the list: the same order as the page (severity, then position).
      const res = await coordinator.post<{
        findings: Array<{ severity: string; start: number; end: number; suggestion?: string }>;
      }>('/api/proofread/check', { text, halfWidthPunctuation: 'flag' });
      const rank: Record<string, number> = { 严重: 0, 一般: 1, 提示: 2 };
      const first = [...res.body.findings]
        .sort((a, b) => rank[a.severity]! - rank[b.severity]! || a.start - b.start)
        .find((f) => f.suggestion !== undefined)!;
      expect(first).toBeDefined();
      const expected = text.slice(0, first.start) + first.suggestion + text.slice(first.end);
      await page.getByTestId('findings').getByRole('button', { name: '采纳' }).first().click();
      await expect.poll(() => page.getByTestId('proofread-input').inputValue(), POLL).toBe(expected);
      await expect.poll(() => rendered.textContent(), POLL).toBe(expected);
    } finally {
      await context.close();
    }
  });

  it('工作台待办列出超期记录，点击打开该记录', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      // The cases above were received in 2025 and never accepted: 受理审查 is long overdue.
      const todo = page.getByTestId('todo');
      await expect.poll(() => todo.getByTestId('todo-overdue').textContent(), POLL).toMatch(/超期 [1-9]/);
      const link = todo.getByRole('link', { name: /行政复议案件 · 看板〔2025〕1号/ }).first();
      await link.click();
      await page.waitForURL(/\/ledgers\/reconsideration\?record=/);
      await page
        .locator('.ant-drawer')
        .getByText(/^填报单位：/)
        .waitFor();
      expect(await page.getByTestId('record-form').getByLabel('案号', { exact: true }).inputValue()).toBe(
        '看板〔2025〕1号',
      );
    }));

  it('词表维护：管理员新增违禁词后检查即生效，版本冲突时提示', () =>
    withPage(browser, ctx.baseUrl!, async (page) => {
      await loginViaApi(page, 'coordinator');
      await page.goto('/proofread/wordlists');
      await page.getByLabel('词语', { exact: true }).fill('测试禁语甲');
      await page.getByLabel('类别', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .first()
        .click();
      await page.getByText('任何语境都标出').click();
      await page.getByRole('button', { name: '添加' }).click();
      await page.getByTestId('wordlists-save').click();
      await page.getByText('词表已保存，下次检查即生效').waitFor();
      const lists = await coordinator.get<{ prohibited: { add: Array<{ word: string }> }; version: number }>(
        '/api/proofread/wordlists',
      );
      expect(lists.body.prohibited.add.map((a) => a.word)).toEqual(['测试禁语甲']);
      const check = await coordinator.post<{ findings: Array<{ excerpt: string }> }>('/api/proofread/check', {
        text: '本报告不含测试禁语甲以外的内容。',
      });
      expect(check.body.findings.map((f) => f.excerpt)).toContain('测试禁语甲');

      // Someone else saves meanwhile: this page's version is stale.
      const other = await coordinator.put('/api/proofread/wordlists', {
        prohibited: { add: [], remove: [] },
        version: lists.body.version,
      });
      expect(other.status).toBe(200);
      await page.getByLabel('要移除的内置词语', { exact: true }).fill('某词');
      await page.getByRole('button', { name: '移除' }).click();
      await page.getByTestId('wordlists-save').click();
      await page.getByText(/词表已被他人修改/).waitFor();
    }));
});
