import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_TYPES } from '../../domain/org/unit-types.ts';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { boolQuery, idParams, paging, text, version } from '../../server/http.ts';
import { listRegions } from './regions.ts';
import { moveUnit } from './unit-move.ts';
import { createUnit, getUnit, listUnits, unitTree, updateUnit } from './units.ts';
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserRoles,
  unlockUser,
  updateUser,
} from './users.ts';

const unitType = z.enum(
  Object.keys(UNIT_TYPES) as [keyof typeof UNIT_TYPES, ...(keyof typeof UNIT_TYPES)[]],
  { error: '单位类型不正确' },
);
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { error: '电话号码格式不正确' })
  .nullable();
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: '用户名须以字母开头，3–32 位字母、数字或 _ . -' });
const password = z.string().min(1).max(128);

export async function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  r.get(
    '/api/regions',
    {
      schema: { tags: ['组织'], summary: '行政区划（本人所在区划及下级）' },
      config: { permission: 'org:unit:read' },
    },
    async (req) => listRegions(database.db, requireAuth(req)),
  );

  r.get('/api/unit-types', { schema: { tags: ['组织'], summary: '单位类型' } }, async () =>
    Object.entries(UNIT_TYPES).map(([code, label]) => ({ code, label })),
  );

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['组织'],
        summary: '单位列表（按数据范围）',
        querystring: z.object({
          q: z.string().max(100).optional(),
          type: unitType.optional(),
          parentId: z.string().max(64).optional(),
          under: z.string().max(64).optional(),
          includeDisabled: boolQuery.optional(),
          ...paging,
        }),
      },
      config: { permission: 'org:unit:read' },
    },
    async (req) => listUnits(database, requireAuth(req), req.query),
  );

  r.get(
    '/api/units/tree',
    { schema: { tags: ['组织'], summary: '单位树（按数据范围）' }, config: { permission: 'org:unit:read' } },
    async (req) => unitTree(database, requireAuth(req)),
  );

  r.get(
    '/api/units/:id',
    {
      schema: { tags: ['组织'], summary: '单位详情', params: idParams },
      config: { permission: 'org:unit:read', scopedEntity: 'unit' },
    },
    async (req) => getUnit(database, requireAuth(req), req.params.id),
  );

  r.post(
    '/api/units',
    {
      schema: {
        tags: ['组织'],
        summary: '新增单位',
        body: z.object({
          parentId: z.string().max(64).nullable(),
          regionCode: z
            .string()
            .regex(/^\d{6}$/, { error: '行政区划代码应为 6 位数字' })
            .optional(),
          name: text('单位名称', 60),
          type: unitType,
          code: z.string().trim().max(32).nullable().optional(),
          sort: z.number().int().min(0).max(100000).optional(),
        }),
      },
      config: { permission: 'org:unit:edit' },
    },
    async (req, reply) => {
      const unit = await createUnit(database, requireAuth(req), req.actor(), req.body);
      return reply.status(201).send(unit);
    },
  );

  r.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['组织'],
        summary: '修改、停用或启用单位',
        params: idParams,
        body: z.object({
          name: text('单位名称', 60).optional(),
          type: unitType.optional(),
          code: z.string().trim().max(32).nullable().optional(),
          sort: z.number().int().min(0).max(100000).optional(),
          disabled: z.boolean().optional(),
          version,
        }),
      },
      config: { permission: 'org:unit:edit', scopedEntity: 'unit' },
    },
    async (req) => updateUnit(database, requireAuth(req), req.actor(), req.params.id, req.body),
  );

  r.post(
    '/api/units/:id/move',
    {
      schema: {
        tags: ['组织'],
        summary: '调整上级单位（连同下级单位、台账记录与统计数据一并调整，限本行政区划内）',
        params: idParams,
        body: z.object({ parentId: z.string().min(1).max(64).nullable(), version }),
      },
      config: { permission: 'org:unit:edit', scopedEntity: 'unit' },
    },
    async (req) => moveUnit(database, requireAuth(req), req.actor(), req.params.id, req.body),
  );

  r.get(
    '/api/users',
    {
      schema: {
        tags: ['账户'],
        summary: '用户列表（按数据范围）',
        querystring: z.object({
          q: z.string().max(100).optional(),
          unitId: z.string().max(64).optional(),
          subtree: boolQuery.optional(),
          roleId: z.string().max(64).optional(),
          includeDisabled: boolQuery.optional(),
          ...paging,
        }),
      },
      config: { permission: 'org:user:read' },
    },
    async (req) => listUsers(database, requireAuth(req), req.query),
  );

  r.get(
    '/api/users/:id',
    {
      schema: { tags: ['账户'], summary: '用户详情', params: idParams },
      config: { permission: 'org:user:read', scopedEntity: 'user' },
    },
    async (req) => getUser(database, requireAuth(req), req.params.id),
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['账户'],
        summary: '新增用户（初始密码须在首次登录时修改）',
        body: z.object({
          username,
          displayName: text('姓名', 40),
          unitId: z.string().min(1, { error: '请选择所属单位' }).max(64),
          phone: phone.optional(),
          password: password.optional(),
        }),
      },
      config: { permission: 'org:user:edit' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createUser(database, config.production, requireAuth(req), req.actor(), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['账户'],
        summary: '修改、停用或启用用户',
        params: idParams,
        body: z.object({
          displayName: text('姓名', 40).optional(),
          unitId: z.string().min(1).max(64).optional(),
          phone: phone.optional(),
          disabled: z.boolean().optional(),
          version,
        }),
      },
      config: { permission: 'org:user:edit', scopedEntity: 'user' },
    },
    async (req) => updateUser(database, requireAuth(req), req.actor(), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['账户'],
        summary: '重置密码（下次登录须修改）',
        params: idParams,
        body: z.object({ version, password: password.optional() }),
      },
      config: { permission: 'org:user:edit', scopedEntity: 'user' },
    },
    async (req) =>
      resetPassword(
        database,
        config.production,
        requireAuth(req),
        req.actor(),
        req.params.id,
        req.body.version,
        req.body.password,
      ),
  );

  r.post(
    '/api/users/:id/unlock',
    {
      schema: { tags: ['账户'], summary: '解除登录锁定', params: idParams },
      config: { permission: 'org:user:edit', scopedEntity: 'user' },
    },
    async (req) => unlockUser(database, requireAuth(req), req.actor(), req.params.id),
  );

  r.put(
    '/api/users/:id/roles',
    {
      schema: {
        tags: ['账户'],
        summary: '分配角色（安全管理员）',
        params: idParams,
        body: z.object({ roleIds: z.array(z.string().max(64)).max(20), version }),
      },
      config: { permission: 'sec:role:assign', scopedEntity: 'user' },
    },
    async (req) =>
      setUserRoles(
        database,
        requireAuth(req),
        req.actor(),
        req.params.id,
        req.body.roleIds,
        req.body.version,
      ),
  );
}
