// The authorisation matrix, generated from the server's own route table: every route × every
// built-in role × a target in the user's own unit and one outside their scope. A route added
// without a sample request here fails the test, so no endpoint escapes the matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../src/db/index.ts';
import { BUILTIN_ROLES } from '../../src/domain/access/permissions.ts';
import { ledger } from '../../src/domain/ledgers/index.ts';
import { insertBatch } from '../../src/modules/ledgers/records.ts';
import { Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Target {
  unitId: string;
  userId: string;
  roleId: string;
  recordId: string;
}

type Sample = (t: Target, n: number) => { url: string; body?: unknown };

const REC = { caseNo: '矩阵1号', applicant: '甲', respondent: '某局', receivedOn: '2025-01-02' };

/**
 * One request per route; `scoped` says whether the target decides the outcome; `missingOk` marks
 * routes whose sample names something that does not exist, so that 404 is the allowed answer.
 */
const SAMPLES: Record<string, { scoped: boolean; make: Sample; missingOk?: boolean }> = {
  'GET /api/ledgers': { scoped: false, make: () => ({ url: '/api/ledgers' }) },
  'GET /api/ledgers/:key': { scoped: false, make: () => ({ url: '/api/ledgers/reconsideration' }) },
  'GET /api/ledgers/:key/records': {
    scoped: false,
    make: () => ({ url: '/api/ledgers/reconsideration/records' }),
  },
  'GET /api/ledgers/:key/records/:id': {
    scoped: true,
    make: (t) => ({ url: `/api/ledgers/reconsideration/records/${t.recordId}` }),
  },
  'POST /api/ledgers/:key/records': {
    scoped: true,
    make: (t, n) => ({
      url: '/api/ledgers/reconsideration/records',
      body: { unitId: t.unitId, values: { ...REC, caseNo: `矩阵${n}号` } },
    }),
  },
  'PUT /api/ledgers/:key/records/:id': {
    scoped: true,
    make: (t) => ({
      url: `/api/ledgers/reconsideration/records/${t.recordId}`,
      body: { values: REC, version: 0 },
    }),
  },
  'DELETE /api/ledgers/:key/records/:id': {
    scoped: true,
    make: (t) => ({ url: `/api/ledgers/reconsideration/records/${t.recordId}?version=0` }),
  },
  'GET /api/ledgers/:key/template.xlsx': {
    scoped: false,
    make: () => ({ url: '/api/ledgers/reconsideration/template.xlsx' }),
  },
  'POST /api/ledgers/:key/import': {
    scoped: false,
    make: () => ({ url: '/api/ledgers/reconsideration/import', body: {} }),
  },
  'GET /api/ledgers/import-reports/:id': {
    scoped: false,
    missingOk: true,
    make: () => ({ url: '/api/ledgers/import-reports/none' }),
  },
  'GET /api/ledgers/:key/export.xlsx': {
    scoped: false,
    make: () => ({ url: '/api/ledgers/reconsideration/export.xlsx' }),
  },
  'GET /api/indicators': {
    scoped: true,
    make: (t) => ({ url: `/api/indicators?year=2025&unit=${t.unitId}` }),
  },
  'GET /api/indicators/trend': {
    scoped: true,
    make: (t) => ({ url: `/api/indicators/trend?years=2024,2025&unit=${t.unitId}` }),
  },
  'GET /api/indicators/by-unit': {
    scoped: true,
    make: (t) => ({
      url: `/api/indicators/by-unit?year=2025&id=reconsideration.correctionRate&parent=${t.unitId}`,
    }),
  },
  'GET /api/calendar': { scoped: false, make: () => ({ url: '/api/calendar' }) },
  'PUT /api/calendar': {
    scoped: false,
    make: () => ({ url: '/api/calendar', body: { holidays: [], workdays: [], version: 99 } }),
  },
  'GET /api/deadline-limits': { scoped: false, make: () => ({ url: '/api/deadline-limits' }) },
  'PUT /api/deadline-limits': {
    scoped: false,
    make: () => ({ url: '/api/deadline-limits', body: { changes: {}, version: 99 } }),
  },
  'GET /api/indicator-config': { scoped: false, make: () => ({ url: '/api/indicator-config' }) },
  'PUT /api/indicator-config': {
    scoped: false,
    make: () => ({ url: '/api/indicator-config', body: { overrides: {}, version: 99 } }),
  },
  'GET /api/todo': { scoped: false, make: () => ({ url: '/api/todo' }) },
  'GET /api/todo/reports': { scoped: false, make: () => ({ url: '/api/todo/reports' }) },
  'GET /api/ledgers/:key/records/:id/deadlines': {
    scoped: true,
    make: (t) => ({ url: `/api/ledgers/reconsideration/records/${t.recordId}/deadlines` }),
  },
  'GET /api/proofread/rules': { scoped: false, make: () => ({ url: '/api/proofread/rules' }) },
  'POST /api/proofread/check': {
    scoped: false,
    make: () => ({ url: '/api/proofread/check', body: { text: '测试文本。' } }),
  },
  'POST /api/proofread/upload': { scoped: false, make: () => ({ url: '/api/proofread/upload', body: {} }) },
  'GET /api/proofread/wordlists': { scoped: false, make: () => ({ url: '/api/proofread/wordlists' }) },
  'PUT /api/proofread/wordlists': {
    scoped: false,
    make: () => ({
      url: '/api/proofread/wordlists',
      body: { prohibited: { add: [], remove: [] }, version: 99 },
    }),
  },
  'GET /api/me': { scoped: false, make: () => ({ url: '/api/me' }) },
  'POST /api/auth/logout': { scoped: false, make: () => ({ url: '/api/auth/logout' }) },
  'POST /api/auth/logout-all': { scoped: false, make: () => ({ url: '/api/auth/logout-all' }) },
  'POST /api/auth/password': {
    scoped: false,
    make: () => ({
      url: '/api/auth/password',
      body: { oldPassword: 'Nope#1234', newPassword: 'Next#2026ab' },
    }),
  },
  'POST /api/auth/totp/setup': { scoped: false, make: () => ({ url: '/api/auth/totp/setup' }) },
  'POST /api/auth/totp/enable': {
    scoped: false,
    make: () => ({ url: '/api/auth/totp/enable', body: { code: '123456' } }),
  },
  'POST /api/auth/totp/verify': {
    scoped: false,
    make: () => ({ url: '/api/auth/totp/verify', body: { code: '123456' } }),
  },
  'GET /api/regions': { scoped: false, make: () => ({ url: '/api/regions' }) },
  'GET /api/unit-types': { scoped: false, make: () => ({ url: '/api/unit-types' }) },
  'GET /api/units': { scoped: false, make: () => ({ url: '/api/units' }) },
  'GET /api/units/tree': { scoped: false, make: () => ({ url: '/api/units/tree' }) },
  'GET /api/units/:id': { scoped: true, make: (t) => ({ url: `/api/units/${t.unitId}` }) },
  'POST /api/units': {
    scoped: true,
    make: (t, n) => ({
      url: '/api/units',
      body: { parentId: t.unitId, name: `矩阵测试单位${n}`, type: 'other' },
    }),
  },
  'PATCH /api/units/:id': {
    scoped: true,
    make: (t) => ({ url: `/api/units/${t.unitId}`, body: { sort: 5, version: 0 } }),
  },
  'POST /api/units/:id/move': {
    scoped: true,
    make: (t) => ({ url: `/api/units/${t.unitId}/move`, body: { parentId: null, version: 0 } }),
  },
  'GET /api/users': { scoped: false, make: () => ({ url: '/api/users' }) },
  'GET /api/users/:id': { scoped: true, make: (t) => ({ url: `/api/users/${t.userId}` }) },
  'POST /api/users': {
    scoped: true,
    make: (t, n) => ({
      url: '/api/users',
      body: { username: `matrix_${n}`, displayName: '矩阵', unitId: t.unitId },
    }),
  },
  'PATCH /api/users/:id': {
    scoped: true,
    make: (t) => ({ url: `/api/users/${t.userId}`, body: { displayName: '改名', version: 0 } }),
  },
  'POST /api/users/:id/reset-password': {
    scoped: true,
    make: (t) => ({ url: `/api/users/${t.userId}/reset-password`, body: { version: 0 } }),
  },
  'POST /api/users/:id/unlock': { scoped: true, make: (t) => ({ url: `/api/users/${t.userId}/unlock` }) },
  'PUT /api/users/:id/roles': {
    scoped: true,
    make: (t) => ({ url: `/api/users/${t.userId}/roles`, body: { roleIds: [], version: 0 } }),
  },
  'GET /api/permissions': { scoped: false, make: () => ({ url: '/api/permissions' }) },
  'GET /api/roles': { scoped: false, make: () => ({ url: '/api/roles' }) },
  'POST /api/roles': {
    scoped: false,
    make: (_t, n) => ({
      url: '/api/roles',
      body: { code: `matrix_${n}`, name: '矩阵角色', dataScope: 'unit', permissions: ['org:unit:read'] },
    }),
  },
  'PATCH /api/roles/:id': {
    scoped: false,
    make: (t) => ({
      url: `/api/roles/${t.roleId}`,
      body: { name: '矩阵角色', dataScope: 'unit', permissions: [], version: 0 },
    }),
  },
  'DELETE /api/roles/:id': { scoped: false, make: (t) => ({ url: `/api/roles/${t.roleId}?version=0` }) },
  'GET /api/security/policy': { scoped: false, make: () => ({ url: '/api/security/policy' }) },
  'PUT /api/security/policy': {
    scoped: false,
    make: () => ({
      url: '/api/security/policy',
      body: {
        minLength: 8,
        minClasses: 3,
        maxFailures: 5,
        lockMinutes: 15,
        idleMinutes: 30,
        absoluteHours: 12,
        requireTotpForAdmins: false,
        version: 99,
      },
    }),
  },
  'GET /api/audit': { scoped: false, make: () => ({ url: '/api/audit' }) },
  'GET /api/audit/actions': { scoped: false, make: () => ({ url: '/api/audit/actions' }) },
  'GET /api/audit/verify': { scoped: false, make: () => ({ url: '/api/audit/verify' }) },
  'GET /api/admin/rollups/verify': { scoped: false, make: () => ({ url: '/api/admin/rollups/verify' }) },
};

const ACCOUNTS: Record<string, string> = {
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
  coordinator: 'coordinator',
  leader: 'leader',
  approver: 'town_approver',
  reporter: 'town_reporter',
};

describe.each(engines())('授权矩阵 (%s)', (engine) => {
  let t: TestContext;
  const own: Record<string, Target> = {};
  const other: Record<string, Target> = {};
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    // A second county under the same city: outside every demo account's scope, even 全部.
    const now = nowIso();
    await db
      .insertInto('regions')
      .values({
        code: '990122',
        name: '邻县',
        level: 'county',
        parent_code: '990100',
        path: '/990000/990100/990122/',
        created_at: now,
      })
      .execute();
    const otherCountyUnit = newId();
    await db
      .insertInto('units')
      .values({
        id: otherCountyUnit,
        region_code: '990122',
        parent_id: null,
        name: '邻县司法局',
        type: 'rule_of_law_office',
        code: null,
        sort: 0,
        path: `/990000/990100/990122/${otherCountyUnit}/`,
        disabled: 0,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const sysadmin = await signedIn(t.app, 'sysadmin');
    const secadmin = await signedIn(t.app, 'secadmin');
    const customRole = await secadmin.post<{ id: string }>('/api/roles', {
      code: 'matrix_target',
      name: '矩阵目标角色',
      dataScope: 'unit',
      permissions: ['org:unit:read'],
    });
    const otherCountyUser = newId();
    await db
      .insertInto('users')
      .values({
        id: otherCountyUser,
        username: 'neighbour',
        display_name: '邻县用户',
        unit_id: otherCountyUnit,
        phone: null,
        password_hash: 'x',
        must_change_password: 0,
        password_changed_at: null,
        disabled: 0,
        totp_secret: null,
        totp_enabled: 0,
        last_login_at: null,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const qingshan = (
      await sysadmin.get<{ items: Array<{ id: string }> }>('/api/units?q=青山镇&type=township')
    ).body.items[0]!.id;
    const qingshanUser = (await sysadmin.get<{ items: Array<{ id: string }> }>('/api/users?q=town2_reporter'))
      .body.items[0]!.id;

    const coordinator = await signedIn(t.app, 'coordinator');
    const qingshanRecord = (
      await coordinator.post<{ id: string }>('/api/ledgers/reconsideration/records', {
        unitId: qingshan,
        values: { ...REC, caseNo: '青山1号' },
      })
    ).body.id;
    const [otherCountyRecord] = await t.database.db.transaction().execute((trx) =>
      insertBatch(
        trx,
        ledger('reconsideration'),
        [
          {
            unit: { id: otherCountyUnit, path: `/990000/990100/990122/${otherCountyUnit}/` },
            record: { ...REC },
          },
        ],
        null,
      ),
    );
    for (const [role, username] of Object.entries(ACCOUNTS)) {
      const c = await signedIn(t.app, username);
      const me = await c.get<{ unit: { id: string } }>('/api/me');
      const unitId = me.body.unit.id;
      // A colleague in the same unit, so that user routes do not target the caller themself.
      const colleague = await sysadmin.post<{ user: { id: string } }>('/api/users', {
        username: `colleague_${role}`,
        displayName: '同事',
        unitId,
      });
      const ownRecord = await coordinator.post<{ id: string }>('/api/ledgers/reconsideration/records', {
        unitId,
        values: { ...REC, caseNo: `本单位${role}` },
      });
      own[role] = {
        unitId,
        userId: colleague.body.user.id,
        roleId: customRole.body.id,
        recordId: ownRecord.body.id,
      };
      const scope = BUILTIN_ROLES.find((r) => r.code === role)!.dataScope;
      other[role] =
        scope === 'all'
          ? {
              unitId: otherCountyUnit,
              userId: otherCountyUser,
              roleId: customRole.body.id,
              recordId: otherCountyRecord!,
            }
          : { unitId: qingshan, userId: qingshanUser, roleId: customRole.body.id, recordId: qingshanRecord };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('every API route has a sample in the matrix', () => {
    const missing = t.app.routeTable
      .filter((r) => !r.public)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !SAMPLES[k]);
    expect(missing).toEqual([]);
  });

  it('public routes answer without a session; all others refuse with 401', async () => {
    for (const route of t.app.routeTable) {
      const sample = SAMPLES[`${route.method} ${route.url}`];
      const url = sample
        ? sample.make({ unitId: 'x', userId: 'x', roleId: 'x', recordId: 'x' }, 0).url
        : route.url;
      const res = await new Client(t.app).request(route.method, url, route.method === 'GET' ? undefined : {});
      if (route.public) expect(res.status, `${route.method} ${route.url}`).not.toBe(401);
      else expect(res.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const [role, username] of Object.entries(ACCOUNTS)) {
    it(`role ${role}: permission and data scope on every route`, async () => {
      const def = BUILTIN_ROLES.find((r) => r.code === role)!;
      const failures: string[] = [];
      let session = await signedIn(t.app, username);
      for (const route of t.app.routeTable.filter((r) => !r.public)) {
        const key = `${route.method} ${route.url}`;
        const sample = SAMPLES[key]!;
        const allowed = !route.permission || def.permissions.includes(route.permission as never);
        for (const which of sample.scoped ? (['own', 'other'] as const) : (['own'] as const)) {
          // Logging out ends the session, so those routes get a fresh one.
          const c = route.url.startsWith('/api/auth/logout') ? await signedIn(t.app, username) : session;
          counter += 1;
          const req = sample.make(which === 'own' ? own[role]! : other[role]!, counter);
          const res = await c.request(route.method, req.url, req.body);
          if (route.url === '/api/auth/logout-all') session = await signedIn(t.app, username);
          const status = res.status;
          let ok: boolean;
          if (!allowed) ok = status === 403;
          else if (which === 'other') ok = status === 404;
          else ok = ![401, 403, 500].includes(status) && (status !== 404 || sample.missingOk === true);
          if (!ok) failures.push(`${key} [${which}] → ${status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
