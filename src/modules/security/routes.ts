import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATA_SCOPES, DUTIES, PERMISSIONS } from '../../domain/access/permissions.ts';
import type { AppDeps } from '../../server/deps.ts';
import { idParams, text, version } from '../../server/http.ts';
import { fixedSettings, getPolicy, policySchema, updatePolicy } from './policy.ts';
import { createRole, deleteRole, listRoles, updateRole } from './roles.ts';

const dataScope = z.enum(['all', 'subtree', 'unit', 'self'], {
  error: '数据范围应为 全部/本单位及下级/本单位/本人',
});
const roleBody = {
  name: text('角色名称', 40),
  description: z.string().trim().max(200).optional(),
  dataScope,
  permissions: z.array(z.string().max(64)).max(100),
};

export async function securityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  r.get(
    '/api/permissions',
    {
      schema: { tags: ['安全'], summary: '权限代码、数据范围与管理员职责' },
      config: { permission: 'sec:role:read' },
    },
    async () => ({
      permissions: Object.entries(PERMISSIONS).map(([code, label]) => ({ code, label })),
      dataScopes: Object.entries(DATA_SCOPES).map(([code, label]) => ({ code, label })),
      duties: Object.entries(DUTIES).map(([code, label]) => ({ code, label })),
    }),
  );

  r.get(
    '/api/roles',
    { schema: { tags: ['安全'], summary: '角色列表' }, config: { permission: 'sec:role:read' } },
    async () => listRoles(database.db),
  );

  r.post(
    '/api/roles',
    {
      schema: {
        tags: ['安全'],
        summary: '新建角色',
        body: z.object({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, {
            error: '角色代码须以小写字母开头，2–32 位小写字母、数字或下划线',
          }),
          ...roleBody,
        }),
      },
      config: { permission: 'sec:role:edit' },
    },
    async (req, reply) => reply.status(201).send(await createRole(database, req.actor(), req.body)),
  );

  r.patch(
    '/api/roles/:id',
    {
      schema: {
        tags: ['安全'],
        summary: '修改角色',
        params: idParams,
        body: z.object({ ...roleBody, version }),
      },
      config: { permission: 'sec:role:edit', scopedEntity: 'role' },
    },
    async (req) => updateRole(database, req.actor(), req.params.id, req.body),
  );

  r.delete(
    '/api/roles/:id',
    {
      schema: {
        tags: ['安全'],
        summary: '删除角色',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(0) }),
      },
      config: { permission: 'sec:role:edit', scopedEntity: 'role' },
    },
    async (req) => {
      await deleteRole(database, req.actor(), req.params.id, req.query.version);
      return { ok: true };
    },
  );

  r.get(
    '/api/security/policy',
    {
      schema: { tags: ['安全'], summary: '安全策略（fixed 列出生产模式下固定的项）' },
      config: { permission: 'sec:policy:edit' },
    },
    async () => ({
      ...(await getPolicy(database.db, config.production)),
      fixed: fixedSettings(config.production),
    }),
  );

  r.put(
    '/api/security/policy',
    {
      schema: { tags: ['安全'], summary: '修改安全策略', body: policySchema.extend({ version }) },
      config: { permission: 'sec:policy:edit' },
    },
    async (req) => {
      const { version: v, ...next } = req.body;
      const saved = await updatePolicy(database, config.production, req.actor(), next, v);
      return { ...saved, fixed: fixedSettings(config.production) };
    },
  );
}
