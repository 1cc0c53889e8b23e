import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaToday } from '../../domain/deadlines/index.ts';
import { INDICATORS } from '../../domain/indicators/catalog.ts';
import { DICTIONARIES } from '../../domain/ledgers/dictionaries.ts';
import { findLedger, LEDGERS } from '../../domain/ledgers/index.ts';
import { keptByNames } from '../../domain/ledgers/kept-by.ts';
import { UNIT_TYPES } from '../../domain/org/unit-types.ts';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { notFound } from '../../server/errors.ts';
import { boolQuery, idParams, isoDate, version } from '../../server/http.ts';
import { calendarOverridesSchema, getCalendarOverrides, updateCalendarOverrides } from './calendar-config.ts';
import { dueRoutes } from './due-routes.ts';
import {
  describeConfig,
  getIndicatorConfig,
  overridesSchema,
  updateIndicatorConfig,
} from './indicator-config.ts';
import { computeIndicators, indicatorByUnit, indicatorTrend } from './indicators.ts';
import { ledgerFlags, ledgerReach } from './ledger-reach.ts';
import {
  describeLimits,
  limitChangesSchema,
  limitOverridesIn,
  updateLimitOverrides,
} from './limit-config.ts';
import { assertKnownValueKeys, fieldFilters, recordListQuery } from './record-query.ts';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from './records.ts';
import { rollupVerifyRoutes } from './rollup-verify-routes.ts';
import { todoList } from './todo.ts';

const ledgerParams = z.object({ key: z.string().max(40) });
const recordParams = ledgerParams.extend(idParams.shape);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
const year = z.coerce
  .number()
  .int()
  .min(2000, { error: '年份应在 2000–2100 之间' })
  .max(2100, { error: '年份应在 2000–2100 之间' });
const periodQuery = {
  year: year.optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  fromMonth: month.optional(),
  toMonth: month.optional(),
  /** Custom range of days; overrides year/quarter/month. */
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const values = z.record(z.string().max(60), z.unknown(), { error: '请提交记录各字段的值（values）' });

function defOr404(key: string) {
  const def = findLedger(key);
  if (!def) throw notFound('台账');
  return def;
}

/** The definition as the web app and Excel tools need it. */
export function ledgerMeta(key: string) {
  const def = defOr404(key);
  return {
    key: def.key,
    title: def.title,
    domain: def.domain,
    description: def.description,
    keptBy: def.keptBy.map((type) => ({ type, name: UNIT_TYPES[type] })),
    keptByNames: keptByNames(def),
    naturalKey: def.naturalKey,
    sortBy: def.sortBy,
    fields: Object.entries(def.fields).map(([name, fd]) => ({
      name,
      type: fd.type,
      label: fd.label,
      required: fd.required ?? false,
      options: fd.dict ? (DICTIONARIES[fd.dict] ?? []) : null,
      pii: fd.pii ?? null,
      list: fd.list ?? false,
      filter: fd.filter ?? false,
      max: fd.max ?? null,
      min: fd.min ?? null,
      help: fd.help ?? null,
      derived: fd.derived !== undefined,
      granularity: fd.granularity ?? null,
    })),
    measures: Object.entries(def.measures).map(([id, ms]) => ({ id, label: ms.label, at: ms.at })),
    indicators: INDICATORS.filter((i) =>
      [...i.numerator, ...(i.denominator ?? [])].some((r) => r.ledger === def.key),
    ).map((i) => i.id),
    deadlines: (def.deadlines ?? []).map((d) => ({
      id: d.id,
      label: d.label,
      limit: d.limit,
      from: d.from,
      done: d.done ?? null,
    })),
  };
}

export async function ledgerRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  r.get(
    '/api/ledgers',
    {
      schema: {
        tags: ['台账'],
        summary:
          '全部台账及其字段定义；keptByMyUnit：本单位填报此台账，inMyScope：数据权限内有填报此台账的单位，canCreate：可新增',
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const reach = await ledgerReach(database, requireAuth(req));
      return LEDGERS.map((d) => ({ ...ledgerMeta(d.key), ...ledgerFlags(d, reach) }));
    },
  );

  r.get(
    '/api/ledgers/:key',
    {
      schema: { tags: ['台账'], summary: '一个台账的定义', params: ledgerParams },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const meta = ledgerMeta(req.params.key);
      return { ...meta, ...ledgerFlags(defOr404(meta.key), await ledgerReach(database, requireAuth(req))) };
    },
  );

  r.get(
    '/api/ledgers/:key/records',
    {
      schema: {
        tags: ['台账'],
        summary:
          '台账记录列表（筛选字段以 f. 开头，如 f.decision=撤销；measure+periodFrom/periodTo 为指标下钻）',
        params: ledgerParams,
        querystring: recordListQuery,
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const def = defOr404(req.params.key);
      const filters = fieldFilters(req.query);
      const { unit, subtree, q, from, to, measure, periodFrom, periodTo, sort, order, page, pageSize } =
        req.query;
      return listRecords(database, requireAuth(req), req.actor(), def, {
        unit,
        subtree,
        q,
        from,
        to,
        measure,
        periodFrom,
        periodTo,
        sort,
        order,
        page,
        pageSize,
        filters,
      });
    },
  );

  r.get(
    '/api/ledgers/:key/records/:id',
    {
      schema: {
        tags: ['台账'],
        summary:
          '一条台账记录（个人信息与列表同一规则：本单位填报审核人员与 pii:read 见原文，记入审计；unmask=true 为旧客户端保留）',
        params: recordParams,
        querystring: z.object({ unmask: boolQuery.optional() }),
      },
      config: { permission: 'ledger:read', scopedEntity: 'ledgerRecord' },
    },
    async (req) =>
      getRecord(
        database,
        requireAuth(req),
        req.actor(),
        defOr404(req.params.key),
        req.params.id,
        req.query.unmask ?? false,
      ),
  );

  r.post(
    '/api/ledgers/:key/records',
    {
      schema: {
        tags: ['台账'],
        summary: '新增台账记录',
        params: ledgerParams,
        body: z.object({ unitId: z.string().max(64).optional(), values }),
      },
      config: { permission: 'ledger:edit' },
    },
    async (req, reply) => {
      const def = defOr404(req.params.key);
      assertKnownValueKeys(def, req.body.values);
      return reply
        .status(201)
        .send(
          await createRecord(database, requireAuth(req), req.actor(), def, req.body.unitId, req.body.values),
        );
    },
  );

  r.put(
    '/api/ledgers/:key/records/:id',
    {
      schema: {
        tags: ['台账'],
        summary: '修改台账记录（须带 version）',
        params: recordParams,
        body: z.object({ values, version }),
      },
      config: { permission: 'ledger:edit', scopedEntity: 'ledgerRecord' },
    },
    async (req) => {
      const def = defOr404(req.params.key);
      assertKnownValueKeys(def, req.body.values);
      return updateRecord(
        database,
        requireAuth(req),
        req.actor(),
        def,
        req.params.id,
        req.body.values,
        req.body.version,
      );
    },
  );

  r.delete(
    '/api/ledgers/:key/records/:id',
    {
      schema: {
        tags: ['台账'],
        summary: '删除台账记录（软删除）',
        params: recordParams,
        querystring: z.object({ version: z.coerce.number().int().min(0) }),
      },
      config: { permission: 'ledger:edit', scopedEntity: 'ledgerRecord' },
    },
    async (req) => {
      await deleteRecord(
        database,
        requireAuth(req),
        req.actor(),
        defOr404(req.params.key),
        req.params.id,
        req.query.version,
      );
      return { ok: true };
    },
  );

  r.get(
    '/api/indicators',
    {
      schema: {
        tags: ['指标'],
        summary:
          '指标（分子、分母、值、公式），按年/季/月或自定义区间（from、to 为日期，或 fromMonth、toMonth），按单位或其下级汇总',
        querystring: z.object({
          ...periodQuery,
          unit: z.string().max(64).optional(),
          subtree: boolQuery.optional(),
          ids: z.string().max(2000).optional(),
        }),
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const { ids, subtree, unit, ...period } = req.query;
      return computeIndicators(database, requireAuth(req), {
        ...period,
        unit,
        subtree: subtree ?? true,
        ids: ids?.split(',').filter(Boolean),
      });
    },
  );

  r.get(
    '/api/indicators/trend',
    {
      schema: {
        tags: ['指标'],
        summary: '指标逐年趋势',
        querystring: z.object({
          years: z.string().regex(/^\d{4}(,\d{4}){0,19}$/, { error: '年份列表格式应为 2022,2023,2024' }),
          unit: z.string().max(64).optional(),
          subtree: boolQuery.optional(),
          ids: z.string().max(2000).optional(),
        }),
      },
      config: { permission: 'ledger:read' },
    },
    async (req) =>
      indicatorTrend(database, requireAuth(req), {
        years: req.query.years.split(',').map(Number),
        unit: req.query.unit,
        subtree: req.query.subtree ?? true,
        ids: req.query.ids?.split(',').filter(Boolean),
      }),
  );

  r.get(
    '/api/indicators/by-unit',
    {
      schema: {
        tags: ['指标'],
        summary: '一个指标在各下级单位间的比较',
        querystring: z.object({
          ...periodQuery,
          id: z.string().max(80),
          parent: z.string().max(64).optional(),
        }),
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => indicatorByUnit(database, requireAuth(req), req.query),
  );

  r.get(
    '/api/indicator-config',
    {
      schema: { tags: ['指标'], summary: '本地区可配置的指标口径（如纠错率的分子、分母）' },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const { version, overrides } = await getIndicatorConfig(database, auth.user.regionCode);
      return {
        region: { code: auth.user.regionCode, name: auth.user.regionName },
        version,
        items: describeConfig(overrides),
      };
    },
  );

  r.put(
    '/api/indicator-config',
    {
      schema: {
        tags: ['指标'],
        summary: '修改本地区的指标口径（null 恢复默认）',
        body: z.object({ overrides: overridesSchema, version }),
      },
      config: { permission: 'indicator:config' },
    },
    async (req) =>
      updateIndicatorConfig(database, requireAuth(req), req.actor(), req.body.overrides, req.body.version),
  );

  r.get(
    '/api/calendar',
    {
      schema: { tags: ['台账'], summary: '本地区工作日历的调整（在国务院放假安排之上）' },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const auth = requireAuth(req);
      return {
        region: { code: auth.user.regionCode, name: auth.user.regionName },
        ...(await getCalendarOverrides(database, auth.user.regionCode)),
      };
    },
  );

  r.put(
    '/api/calendar',
    {
      schema: {
        tags: ['台账'],
        summary: '修改本地区工作日历（增加休假日、调休上班日，或取消）',
        body: calendarOverridesSchema.extend({ version }),
      },
      config: { permission: 'indicator:config' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const { version: v, ...next } = req.body;
      return updateCalendarOverrides(database, auth.user.regionCode, req.actor(), next, v);
    },
  );

  r.get(
    '/api/deadline-limits',
    {
      schema: { tags: ['台账'], summary: '本地区可调整的法定期限（如规范性文件报送备案期限、有效期）' },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const { version, overrides } = await limitOverridesIn(database.db, auth.user.regionCode);
      return {
        region: { code: auth.user.regionCode, name: auth.user.regionName },
        version,
        items: describeLimits(overrides),
      };
    },
  );

  r.put(
    '/api/deadline-limits',
    {
      schema: {
        tags: ['台账'],
        summary: '修改本地区的法定期限（null 恢复默认）；已办结记录的是否按期随之重算',
        body: z.object({ changes: limitChangesSchema, version }),
      },
      config: { permission: 'indicator:config' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const res = await updateLimitOverrides(
        database,
        auth.user.regionCode,
        req.actor(),
        req.body.changes,
        req.body.version,
      );
      return { region: { code: auth.user.regionCode, name: auth.user.regionName }, ...res };
    },
  );

  r.get(
    '/api/todo',
    {
      schema: {
        tags: ['台账'],
        summary: '待办：3 个工作日内到期（临期）与已超期的记录',
        querystring: z.object({ today: isoDate.optional() }),
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => todoList(database, requireAuth(req), req.query.today ?? chinaToday()),
  );

  await rollupVerifyRoutes(app, deps);
  await dueRoutes(app, deps);
}
