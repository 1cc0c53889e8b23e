// The app runs under its Content-Security-Policy: every page, as the roles that together see every menu entry,
// loads without a single CSP violation (no inline script, no foreign source), and so does the OpenAPI viewer.
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/headers.ts';
import { signedIn, type TestContext } from '../support/app.ts';
import { hasChromium, skipReason } from '../support/browser.ts';
import { closeBrowserApp, loginViaApi, menuTexts, newPage, openBrowserApp } from './helpers.ts';

if (skipReason) console.log(skipReason);

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations: Violation[];
  }
}

/** Records every securitypolicyviolation of the page (and of pages it navigates to) in window. */
const RECORD_VIOLATIONS = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: `${e.sourceFile}:${e.lineNumber}`,
    });
  });
};

const isCspMessage = (m: ConsoleMessage) => /Content Security Policy/i.test(m.text());

/** Opens a path and waits until the app has rendered it and its requests have settled. */
async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await page.waitForLoadState('networkidle');
  await page.locator('#root > *').first().waitFor();
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 });
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

describe.skipIf(!hasChromium)('浏览器：内容安全策略（CSP）', { timeout: 300_000 }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let unitId: string;

  beforeAll(async () => {
    ({ ctx, browser, base } = await openBrowserApp());
    const c = await signedIn(ctx.app, 'coordinator');
    const units = await c.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    unitId = units.body.items[0]!.id;
    // A record, so that the ledger list, the dashboard and the export have something to show.
    const created = await c.post('/api/ledgers/reconsideration/records', {
      unitId,
      values: {
        caseNo: 'CSP〔2025〕1号',
        applicant: '张三',
        respondent: '某局',
        receivedOn: '2025-03-01',
        decidedOn: '2025-04-01',
        decision: '撤销',
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await closeBrowserApp({ ctx, browser });
  });

  it('the detector sees a violation when there is one (an inline script)', async () => {
    const { context, page } = await newPage(browser, base);
    try {
      await page.addInitScript(RECORD_VIOLATIONS);
      const messages: ConsoleMessage[] = [];
      page.on('console', (m) => messages.push(m));
      await visit(page, '/login');
      const ran = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true;';
        document.head.appendChild(s);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran).toBe(false);
      await expect.poll(async () => (await violations(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect((await violations(page))[0]!.directive).toMatch(/^script-src/);
    } finally {
      await context.close();
    }
  });

  const ROLE_PAGES: Array<[string, string[]]> = [
    [
      'coordinator',
      [
        '/',
        '/dashboard',
        '/ledgers',
        '/ledgers/reconsideration',
        '/ledgers/reconsideration?measure=corrected&periodFrom=2025-01-01&periodTo=2025-12-31',
        '/proofread',
        '/proofread/wordlists',
        '/settings/region',
        '/org/units',
        '/org/units/:unit',
        '/org/users',
        '/403',
        '/no-such-page',
      ],
    ],
    ['sysadmin', ['/', '/org/units', '/org/users', '/security/roles', '/security/policy']],
    ['secadmin', ['/', '/security/roles', '/security/policy', '/org/users']],
    ['auditor', ['/', '/audit']],
  ];

  for (const [username, paths] of ROLE_PAGES) {
    it(`${username}: every page loads without a CSP violation`, async () => {
      const { context, page } = await newPage(browser, base);
      try {
        await page.addInitScript(RECORD_VIOLATIONS);
        const messages: ConsoleMessage[] = [];
        page.on('console', (m) => messages.push(m));
        await loginViaApi(page, username);
        const menu = await menuTexts(page);
        expect(menu.length).toBeGreaterThan(0);
        const seen: Array<{ path: string; violations: Violation[] }> = [];
        for (const p of paths) {
          const path = p.replace(':unit', unitId);
          await visit(page, path);
          seen.push({ path, violations: await violations(page) });
        }
        expect(seen.filter((s) => s.violations.length)).toEqual([]);
        expect(messages.filter(isCspMessage).map((m) => m.text())).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('the sign-in, password-change and TOTP pages, a download and the OpenAPI viewer run under the policy', async () => {
    const { context, page } = await newPage(browser, base);
    try {
      await page.addInitScript(RECORD_VIOLATIONS);
      const messages: ConsoleMessage[] = [];
      page.on('console', (m) => messages.push(m));
      const seen: Array<{ path: string; violations: Violation[] }> = [];
      await visit(page, '/login');
      seen.push({ path: '/login', violations: await violations(page) });
      await loginViaApi(page, 'coordinator');
      for (const path of ['/change-password', '/totp-setup']) {
        await visit(page, path);
        seen.push({ path, violations: await violations(page) });
      }
      await visit(page, '/ledgers/reconsideration');
      const download = page.waitForEvent('download');
      await page.getByTestId('export').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(await file.failure()).toBeNull();
      seen.push({ path: 'export', violations: await violations(page) });
      const docs = await page.goto('/api/docs');
      expect(docs?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      await page.locator('.swagger-ui .information-container').waitFor();
      await page.waitForLoadState('networkidle');
      seen.push({ path: '/api/docs', violations: await violations(page) });
      expect(seen.filter((s) => s.violations.length)).toEqual([]);
      expect(messages.filter(isCspMessage).map((m) => m.text())).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
