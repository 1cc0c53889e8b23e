import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { multipart, RECONSIDERATION_HEADERS, reconsiderationRows, xlsxFrom } from '../support/xlsx.ts';

interface Indicator {
  id: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  formula: string;
  sources: Array<{ ledger: string; measure: string }>;
}
interface RecordDto {
  id: string;
  version: number;
  unitName: string;
  values: Record<string, unknown>;
}
interface Page<T> {
  total: number;
  items: T[];
}

async function indicators(c: Client, query: string) {
  const res = await c.get<{ items: Indicator[] }>(`/api/indicators?${query}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.items.map((i) => [i.id, i]));
}

async function importRows(c: Client, rows: unknown[][], unitId: string) {
  const file = await xlsxFrom(RECONSIDERATION_HEADERS, rows);
  const { body, contentType } = await multipart(file, '复议.xlsx', { unitId });
  return c.request<Record<string, unknown>>('POST', '/api/ledgers/reconsideration/import', body, {
    'content-type': contentType,
  });
}

describe.each(engines())('业务台账与指标 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;
  let townId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<Page<{ id: string; name: string }>>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
    const towns = await coordinator.get<Page<{ id: string; name: string }>>(
      '/api/units?q=城关镇&type=township',
    );
    townId = towns.body.items[0]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every ledger with its fields and dictionaries', async () => {
    const res =
      await coordinator.get<
        Array<{ key: string; title: string; fields: Array<{ name: string; options: string[] | null }> }>
      >('/api/ledgers');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(12);
    const rc = res.body.find((l) => l.key === 'reconsideration')!;
    expect(rc.title).toBe('行政复议案件');
    expect(rc.fields.find((f) => f.name === 'decision')!.options).toContain('撤销');
  });

  it('computes 纠错16件/审结43件 = 37.2% from imported records, with drill-down to the 16', async () => {
    const res = await importRows(coordinator, reconsiderationRows(2024, 43, 16), justiceId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 43, created: 43, updated: 0 });
    const ind = await indicators(coordinator, 'year=2024');
    const rate = ind['reconsideration.correctionRate']!;
    expect(rate).toMatchObject({ numerator: 16, denominator: 43 });
    expect((rate.value! * 100).toFixed(1)).toBe('37.2');
    expect(rate.formula).toContain('÷');
    const drill = await coordinator.get<Page<RecordDto>>(
      '/api/ledgers/reconsideration/records?measure=corrected&periodFrom=2024-01-01&periodTo=2024-12-31&pageSize=50',
    );
    expect(drill.body.total).toBe(16);
    expect(drill.body.items.every((r) => r.values.decision === '撤销')).toBe(true);
    const byUnit = await coordinator.get<{
      items: Array<{ unitName: string; numerator: number; denominator: number }>;
    }>('/api/indicators/by-unit?year=2024&id=reconsideration.correctionRate');
    expect(byUnit.body.items.find((i) => i.unitName === '示范县司法局')).toMatchObject({
      numerator: 16,
      denominator: 43,
    });
    expect(byUnit.body.items.find((i) => i.unitName === '城关镇')).toMatchObject({
      numerator: 0,
      denominator: 0,
    });
    const q3 = await indicators(coordinator, 'year=2024&quarter=3');
    expect(q3['reconsideration.concluded']!.numerator).toBe(countMonths(43, [7, 8, 9]));
  });

  it('lets a region choose which outcomes its 纠错率 counts and over what', async () => {
    const cfg = await coordinator.get<{ version: number; items: Array<{ id: string; formula: string }> }>(
      '/api/indicator-config',
    );
    expect(cfg.status, JSON.stringify(cfg.body)).toBe(200);
    expect(cfg.body.items.map((i) => i.id)).toContain('reconsideration.correctionRate');
    const bad = await coordinator.put('/api/indicator-config', {
      overrides: { 'reconsideration.correctionRate': { numerator: ['decision:维持'] } },
      version: cfg.body.version,
    });
    expect(bad.status).toBe(400);
    const put = await coordinator.put('/api/indicator-config', {
      overrides: {
        'reconsideration.correctionRate': { numerator: ['decision:撤销'], denominator: 'accepted' },
      },
      version: cfg.body.version,
    });
    expect(put.status).toBe(200);
    const ind = await indicators(coordinator, 'year=2024&ids=reconsideration.correctionRate');
    expect(ind['reconsideration.correctionRate']).toMatchObject({ numerator: 16, denominator: 43 });
    expect(ind['reconsideration.correctionRate']!.formula).toContain('本地区口径');
    const reset = await coordinator.put('/api/indicator-config', {
      overrides: { 'reconsideration.correctionRate': null },
      version: cfg.body.version + 1,
    });
    expect(reset.status).toBe(200);
    const leader = await signedIn(t.app, 'leader');
    expect((await leader.put('/api/indicator-config', { overrides: {}, version: 0 })).status).toBe(403);
  });

  it('keeps the indicator current through edits and deletes', async () => {
    const list = await coordinator.get<Page<RecordDto>>(
      '/api/ledgers/reconsideration/records?f.decision=撤销&pageSize=1',
    );
    const rec = list.body.items[0]!;
    const full = await coordinator.get<RecordDto>(
      `/api/ledgers/reconsideration/records/${rec.id}?unmask=true`,
    );
    const edited = await coordinator.put<RecordDto>(`/api/ledgers/reconsideration/records/${rec.id}`, {
      values: { ...full.body.values, decision: '维持' },
      version: rec.version,
    });
    expect(edited.status).toBe(200);
    let ind = await indicators(coordinator, 'year=2024');
    expect(ind['reconsideration.corrected']!.numerator).toBe(15);
    const stale = await coordinator.put(`/api/ledgers/reconsideration/records/${rec.id}`, {
      values: full.body.values,
      version: rec.version,
    });
    expect(stale.status).toBe(409);
    const del = await coordinator.delete(
      `/api/ledgers/reconsideration/records/${rec.id}?version=${edited.body.version}`,
    );
    expect(del.status).toBe(200);
    ind = await indicators(coordinator, 'year=2024');
    expect(ind['reconsideration.concluded']!.numerator).toBe(42);
    expect(ind['reconsideration.corrected']!.numerator).toBe(15);
    expect((await coordinator.get(`/api/ledgers/reconsideration/records/${rec.id}`)).status).toBe(404);
  });

  it('refuses bad input with a Chinese message naming the field, and writes nothing', async () => {
    const base = {
      caseNo: '示复〔2025〕1号',
      applicant: '张三',
      respondent: '示范县公安局',
      receivedOn: '2025-02-03',
    };
    const badDate = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { ...base, receivedOn: '2025-02-30' },
    });
    expect(badDate.status).toBe(400);
    expect((badDate.body.error as { message: string; field: string }).field).toBe('receivedOn');
    expect((badDate.body.error as { message: string }).message).toContain('收案日期');
    const badDict = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { ...base, decision: '不知道', decidedOn: '2025-03-01' },
    });
    expect(badDict.status).toBe(400);
    expect((badDict.body.error as { message: string }).message).toContain('决定类型');
    const missing = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { caseNo: 'x' },
    });
    expect(missing.status).toBe(400);
    const ok = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: base,
    });
    expect(ok.status).toBe(201);
    const dup = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: base,
    });
    expect(dup.status).toBe(409);
    expect((dup.body.error as { message: string }).message).toContain('案号');
    const unknown = await coordinator.get('/api/ledgers/nonsense/records');
    expect(unknown.status).toBe(404);
    const badSort = await coordinator.get('/api/ledgers/reconsideration/records?sort=applicantIdNumber');
    expect(badSort.status).toBe(400);
  });

  it('scopes records: a township reporter neither sees nor writes another unit’s records', async () => {
    const reporter = await signedIn(t.app, 'town_reporter');
    const mine = await reporter.get<Page<RecordDto>>('/api/ledgers/reconsideration/records');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(0);
    const any = await coordinator.get<Page<RecordDto>>('/api/ledgers/reconsideration/records?pageSize=1');
    const other = any.body.items[0]!;
    expect((await reporter.get(`/api/ledgers/reconsideration/records/${other.id}`)).status).toBe(404);
    expect(
      (
        await reporter.put(`/api/ledgers/reconsideration/records/${other.id}`, {
          values: other.values,
          version: other.version,
        })
      ).status,
    ).toBe(404);
    expect(
      (await reporter.delete(`/api/ledgers/reconsideration/records/${other.id}?version=${other.version}`))
        .status,
    ).toBe(404);
    const attach = await reporter.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { caseNo: '越权1号', applicant: '某', respondent: '某局', receivedOn: '2025-01-02' },
    });
    expect(attach.status).toBe(404);
    const own = await reporter.post<RecordDto>('/api/ledgers/reconsideration/records', {
      values: { caseNo: '城关1号', applicant: '某', respondent: '某局', receivedOn: '2025-01-02' },
    });
    expect(own.status).toBe(201);
    expect(own.body.unitName).toBe('城关镇');
    const ind = await indicators(reporter, 'year=2024');
    expect(ind['reconsideration.concluded']!.numerator).toBe(0);
    const outside = await reporter.get(`/api/indicators?year=2024&unit=${justiceId}`);
    expect(outside.status).toBe(404);
    const leader = await signedIn(t.app, 'leader');
    expect((await leader.post('/api/ledgers/reconsideration/records', { values: {} })).status).toBe(403);
    const auditor = await signedIn(t.app, 'auditor');
    expect((await auditor.get('/api/ledgers')).status).toBe(403);
  });

  it('masks personal data unless the user may read it, and audits unmasked views', async () => {
    const approver = await signedIn(t.app, 'town_approver');
    const own = await approver.get<Page<RecordDto>>('/api/ledgers/reconsideration/records');
    expect(own.body.items[0]!.values.applicant).toBe('某');
    const list = await coordinator.get<Page<RecordDto>>('/api/ledgers/reconsideration/records?q=T1号');
    expect(list.body.items[0]!.values.applicant).toMatch(/^申请人\d+$/);
    const reporterView = await signedIn(t.app, 'town_reporter');
    const leaderView = await signedIn(t.app, 'leader');
    const created = await coordinator.post<RecordDto>('/api/ledgers/reconsideration/records', {
      unitId: townId,
      values: {
        caseNo: '城关2号',
        applicant: '欧阳娜娜',
        applicantPhone: '13900001111',
        respondent: '某局',
        receivedOn: '2025-01-03',
      },
    });
    // One rule (docs/ledgers.md): pii:read and the unit that keeps the record see the names; a leader does not.
    expect(created.body.values.applicant).toBe('欧阳娜娜');
    const kept = await reporterView.get<RecordDto>(`/api/ledgers/reconsideration/records/${created.body.id}`);
    expect(kept.body.values.applicantPhone).toBe('13900001111');
    const seen = await leaderView.get<RecordDto>(`/api/ledgers/reconsideration/records/${created.body.id}`);
    expect(seen.body.values.applicantPhone).toBe('139****1111');
    expect(
      (await leaderView.get(`/api/ledgers/reconsideration/records/${created.body.id}?unmask=true`)).status,
    ).toBe(403);
    const clear = await coordinator.get<RecordDto>(
      `/api/ledgers/reconsideration/records/${created.body.id}?unmask=true`,
    );
    expect(clear.body.values.applicant).toBe('欧阳娜娜');
    const audit = await (await signedIn(t.app, 'auditor')).get<{ items: Array<{ action: string }> }>(
      `/api/audit?entityId=${created.body.id}`,
    );
    expect(audit.body.items.map((a) => a.action)).toContain('ledger.pii.view');
  });

  it('computes stock figures (register sizes) cumulatively up to the end of the period', async () => {
    const org = (name: string, establishedOn: string) =>
      coordinator.post('/api/ledgers/mediationOrg/records', {
        unitId: townId,
        values: { name, orgType: ORG_TYPE, establishedOn },
      });
    const ORG_TYPE = (
      await coordinator.get<{ fields: Array<{ name: string; options: string[] }> }>(
        '/api/ledgers/mediationOrg',
      )
    ).body.fields.find((f) => f.name === 'orgType')!.options[0]!;
    expect((await org('东风村人民调解委员会', '2021-05-01')).status).toBe(201);
    expect((await org('红星村人民调解委员会', '2022-05-01')).status).toBe(201);
    expect((await org('城关镇人民调解委员会', '2024-03-01')).status).toBe(201);
    const y2022 = await indicators(coordinator, `year=2022&unit=${townId}&ids=mediation.organizations`);
    expect(y2022['mediation.organizations']!.numerator).toBe(2);
    const q1 = await indicators(
      coordinator,
      `year=2024&quarter=1&unit=${townId}&ids=mediation.organizations`,
    );
    expect(q1['mediation.organizations']!.numerator).toBe(3);
    const trend = await coordinator.get<{
      series: Array<{ points: Array<{ year: number; numerator: number }> }>;
    }>(`/api/indicators/trend?years=2021,2022,2023,2024&unit=${townId}&ids=mediation.organizations`);
    expect(trend.body.series[0]!.points.map((p) => p.numerator)).toEqual([1, 2, 2, 3]);
  });

  it('names a to-do item by its natural key as a clerk says it: 「2024年 县科学技术局」', async () => {
    // A department no demo reporter of this file belongs to: their to-do lists stay as they were.
    const dept = await coordinator.get<Page<{ id: string }>>('/api/units?q=县科学技术局');
    const created = await coordinator.post('/api/ledgers/enforcementAnnual/records', {
      unitId: dept.body.items[0]!.id,
      values: { year: '2024-01-01', body: '县科学技术局', penalties: 3 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const todo = await coordinator.get<{
      items: Array<{ ledgerTitle: string; title: string; deadline: string; due: string; status: string }>;
    }>('/api/todo?today=2025-02-05');
    const item = todo.body.items.find((i) => i.ledgerTitle === '行政执法年度数据');
    expect(item).toMatchObject({
      title: '2024年 县科学技术局',
      deadline: '公开上年度执法数据',
      due: '2025-01-31',
      status: 'overdue',
    });
    expect(todo.body.items.map((i) => i.title)).not.toContain('2024-01-01 县科学技术局');
  });

  it('lists records due within 3 working days and overdue on the to-do list', async () => {
    await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { caseNo: '待办-超期', applicant: '甲', respondent: '某局', receivedOn: '2025-05-20' },
    });
    await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { caseNo: '待办-临期', applicant: '乙', respondent: '某局', receivedOn: '2025-06-02' },
    });
    await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: { caseNo: '待办-正常', applicant: '丙', respondent: '某局', receivedOn: '2025-06-05' },
    });
    const todo = await coordinator.get<{
      items: Array<{ title: string; status: string; due: string; deadline: string }>;
    }>('/api/todo?today=2025-06-05');
    expect(todo.status).toBe(200);
    const byTitle = Object.fromEntries(todo.body.items.map((i) => [i.title, i]));
    expect(byTitle['待办-超期']).toMatchObject({ status: 'overdue', deadline: '受理审查' });
    expect(byTitle['待办-临期']).toMatchObject({ status: 'due_soon', due: '2025-06-09' });
    expect(byTitle['待办-正常']).toBeUndefined();
    // Without ?today the list is for today in China: at 01:00 on 06-10 Beijing time (still 06-09 in
    // UTC) the case due 06-09 is overdue, not due today.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-06-09T17:00:00Z'));
      const now = await coordinator.get<{ items: Array<{ title: string; status: string }> }>('/api/todo');
      expect(now.body.items.find((i) => i.title === '待办-临期')?.status).toBe('overdue');
    } finally {
      vi.useRealTimers();
    }
    // A local holiday on 06-06 and 06-09 pushes the 临期 case's due date out of the window.
    const cal = await coordinator.get<{ version: number }>('/api/calendar');
    const put = await coordinator.put('/api/calendar', {
      holidays: ['2025-06-06', '2025-06-09'],
      version: cal.body.version,
    });
    expect(put.status).toBe(200);
    const later = await coordinator.get<{ items: Array<{ title: string; due: string; status: string }> }>(
      '/api/todo?today=2025-06-05',
    );
    const soon = later.body.items.find((i) => i.title === '待办-临期');
    expect(soon?.due).toBe('2025-06-11');
    const badCal = await coordinator.put('/api/calendar', {
      holidays: ['2025-02-30'],
      version: cal.body.version + 1,
    });
    expect(badCal.status).toBe(400);
    const reporter = await signedIn(t.app, 'dept_reporter');
    const none = await reporter.get<{ items: unknown[] }>('/api/todo?today=2025-06-05');
    expect(none.body.items).toHaveLength(0);
  });

  it('does not wait for a 受理日期 after 不予受理, nor for a review decision on a 法律咨询', async () => {
    const post = async (ledger: string, values: Record<string, unknown>) => {
      const res = await coordinator.post(`/api/ledgers/${ledger}/records`, { unitId: justiceId, values });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await post('reconsideration', {
      caseNo: '待办-不予受理',
      applicant: '戊',
      respondent: '某局',
      receivedOn: '2025-05-06',
      acceptance: '不予受理',
    });
    await post('reconsideration', {
      caseNo: '待办-未审查',
      applicant: '己',
      respondent: '某局',
      receivedOn: '2025-05-06',
    });
    await post('legalAid', {
      caseNo: '待办-咨询',
      applicant: '庚',
      origin: '当事人申请',
      form: '法律咨询',
      appliedOn: '2025-05-06',
    });
    await post('legalAid', {
      caseNo: '待办-申请',
      applicant: '辛',
      origin: '当事人申请',
      form: '民事诉讼代理',
      appliedOn: '2025-05-06',
    });
    const todo = await coordinator.get<{ items: Array<{ title: string; deadline: string; status: string }> }>(
      '/api/todo?today=2025-06-05',
    );
    const titles = todo.body.items.map((i) => i.title);
    expect(titles).not.toContain('待办-不予受理');
    expect(titles).not.toContain('待办-咨询');
    expect(todo.body.items.find((i) => i.title === '待办-未审查')).toMatchObject({
      deadline: '受理审查',
      status: 'overdue',
    });
    expect(todo.body.items.find((i) => i.title === '待办-申请')).toMatchObject({
      deadline: '审查决定',
      status: 'overdue',
    });
  });

  it('warns of a decision due with no 审理程序 entered, and of a document’s own 有效期至', async () => {
    // Accepted 06-02 with the procedure left empty: the ordinary 60 days → 08-01.
    const open = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justiceId,
      values: {
        caseNo: '待办-审理',
        applicant: '丁',
        respondent: '某局',
        receivedOn: '2025-05-28',
        acceptance: '受理',
        acceptedOn: '2025-06-02',
      },
    });
    expect(open.status).toBe(201);
    // 有效期至 entered (3 years rather than the default 5): the warning follows the document.
    const doc = await coordinator.post('/api/ledgers/normativeDoc/records', {
      unitId: justiceId,
      values: {
        docNo: '示规〔2022〕9号',
        title: '示范县某某管理办法',
        issuer: '示范县人民政府',
        publishedOn: '2022-08-01',
        effectiveOn: '2022-09-01',
        validUntil: '2025-08-31',
        status: '有效',
      },
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    const todo = await coordinator.get<{
      items: Array<{ title: string; status: string; due: string; deadline: string }>;
    }>('/api/todo?today=2025-07-30');
    const byTitle = Object.fromEntries(todo.body.items.map((i) => [i.title, i]));
    expect(byTitle['待办-审理']).toMatchObject({
      status: 'due_soon',
      due: '2025-08-01',
      deadline: '作出复议决定',
    });
    const later = await coordinator.get<{
      items: Array<{ title: string; status: string; due: string; deadline: string }>;
    }>('/api/todo?today=2025-08-28');
    const validity = later.body.items.find(
      (i) => i.title === '示规〔2022〕9号' && i.deadline.startsWith('有效期'),
    );
    expect(validity).toMatchObject({ status: 'due_soon', due: '2025-08-31' });
  });
});

function countMonths(n: number, months: number[]): number {
  let c = 0;
  for (let i = 0; i < n; i += 1) if (months.includes((i % 9) + 1)) c += 1;
  return c;
}
