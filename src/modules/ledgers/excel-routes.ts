import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findLedger } from '../../domain/ledgers/index.ts';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { auditNow } from '../audit/service.ts';
import {
  buildErrorReport,
  buildExport,
  buildTemplate,
  type ImportProgressListener,
  ImportRejected,
  MAX_IMPORT_BYTES,
  parseImport,
  writeImport,
} from './excel.ts';
import { importUnits } from './import-units.ts';
import { fieldFilters, recordExportQuery } from './record-query.ts';
import { listRecords } from './records.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_LIMIT = 50_000;
const NDJSON = 'application/x-ndjson; charset=utf-8';

/** The import streams its progress as NDJSON lines when the client asks for them. */
function wantsNdjson(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('application/x-ndjson');
}

/** Error reports wait here for their download (per user, 30 minutes): one process serves a county. */
const reports = new Map<string, { userId: string; name: string; body: Buffer; expires: number }>();

function keep(userId: string, name: string, body: Buffer): string {
  const now = Date.now();
  for (const [k, v] of reports) if (v.expires < now) reports.delete(k);
  const id = randomBytes(12).toString('base64url');
  reports.set(id, { userId, name, body, expires: now + 30 * 60_000 });
  return id;
}

function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}

function defOr404(key: string) {
  const def = findLedger(key);
  if (!def) throw notFound('台账');
  return def;
}

export async function ledgerExcelRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const params = z.object({ key: z.string().max(40) });

  r.get(
    '/api/ledgers/:key/template.xlsx',
    {
      schema: { tags: ['台账'], summary: '下载 Excel 导入模板', params },
      config: { permission: 'ledger:read' },
    },
    async (req, reply) => {
      const def = defOr404(req.params.key);
      return sendXlsx(reply, `${def.title}导入模板.xlsx`, await buildTemplate(def));
    },
  );

  r.post(
    '/api/ledgers/:key/import',
    {
      schema: {
        tags: ['台账'],
        summary:
          '导入 .xlsx（multipart：file，可选 unitId：未填填报单位的行导入到该单位）：全部校验通过才在一个事务内写入',
        params,
      },
      config: { permission: 'ledger:edit' },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const def = defOr404(req.params.key);
      if (!req.isMultipart())
        throw badRequest('请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'file');
      let buffer: Buffer | null = null;
      let fileName = '';
      let unitId: string | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw badRequest(`未知的上传字段「${part.fieldname}」`, 'file');
          fileName = part.filename;
          buffer = await part.toBuffer();
        } else if (part.fieldname === 'unitId' && typeof part.value === 'string' && part.value) {
          unitId = part.value.slice(0, 64);
        }
      }
      if (!buffer) throw badRequest('请选择要导入的 .xlsx 文件', 'file');
      const file = buffer;
      const run = async (onProgress?: ImportProgressListener) => {
        // No default chosen: blank rows go to the importer's only unit, or are row errors (import-units.ts).
        const units = await importUnits(database, auth, unitId ?? null);
        const parsed = await parseImport(def, file, onProgress, units);
        const result = await writeImport(
          database,
          auth,
          req.actor(),
          def,
          parsed,
          unitId ?? null,
          fileName,
          undefined,
          onProgress,
        );
        return { ok: true as const, ...result };
      };
      const rejection = async (e: ImportRejected) => {
        const reportId = keep(
          auth.user.id,
          `${def.title}导入错误报告.xlsx`,
          await buildErrorReport(def, e.errors),
        );
        return {
          error: { code: e.code, message: e.message },
          errors: e.errors.slice(0, 500),
          errorCount: e.errors.length,
          reportUrl: `/api/ledgers/import-reports/${reportId}`,
        };
      };

      if (!wantsNdjson(req.headers.accept)) {
        try {
          return await run();
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          return reply.status(400).send(await rejection(e));
        }
      }

      // Streamed: the upload is in, so from here on the answer is 200 and every outcome is a line.
      const out = new PassThrough();
      const line = (value: Record<string, unknown>) => {
        if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(value)}\n`);
      };
      const internal = (e: unknown) => {
        req.log.error({ err: e }, 'ledger import failed');
        return {
          type: 'error',
          status: 500,
          error: { code: 'INTERNAL', message: '导入失败：服务器内部错误，请联系系统管理员' },
        };
      };
      const failure = async (e: unknown): Promise<Record<string, unknown>> => {
        if (e instanceof ImportRejected) return { type: 'error', status: e.status, ...(await rejection(e)) };
        if (!(e instanceof AppError)) return internal(e);
        const error = e.field
          ? { code: e.code, message: e.message, field: e.field }
          : { code: e.code, message: e.message };
        return { type: 'error', status: e.status, error };
      };
      void (async () => {
        let last: Record<string, unknown>;
        try {
          last = { type: 'result', ...(await run((p) => line({ type: 'progress', ...p }))) };
        } catch (e) {
          last = await failure(e).catch(internal);
        }
        line(last);
        out.end();
      })();
      return reply
        .status(200)
        .header('content-type', NDJSON)
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(out);
    },
  );

  r.get(
    '/api/ledgers/import-reports/:id',
    {
      schema: { tags: ['台账'], summary: '下载导入错误报告', params: z.object({ id: z.string().max(40) }) },
      config: { permission: 'ledger:edit' },
    },
    async (req, reply) => {
      const report = reports.get(req.params.id);
      if (!report || report.userId !== requireAuth(req).user.id || report.expires < Date.now())
        throw notFound('错误报告');
      return sendXlsx(reply, report.name, report.body);
    },
  );

  r.get(
    '/api/ledgers/:key/export.xlsx',
    {
      schema: {
        tags: ['台账'],
        summary: '按当前筛选条件导出 .xlsx（个人信息按列表的规则脱敏；含原文的导出记入审计）',
        params,
        querystring: recordExportQuery,
      },
      config: { permission: 'ledger:read' },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const def = defOr404(req.params.key);
      const filters = fieldFilters(req.query);
      const items = [];
      for (let page = 1; ; page += 1) {
        const res = await listRecords(
          database,
          auth,
          req.actor(),
          def,
          { ...req.query, filters, page, pageSize: 1000 },
          { tally: false },
        );
        items.push(...res.items);
        // A short page is the last one (the list's total is capped, so it cannot say when to stop).
        if (res.items.length < 1000) break;
        if (items.length >= EXPORT_LIMIT)
          throw new AppError(
            400,
            'TOO_MANY_ROWS',
            `符合条件的记录超过 ${EXPORT_LIMIT} 条，请缩小筛选范围后导出`,
          );
      }
      const body = await buildExport(def, items);
      // Each export is a copy that leaves the system: one audit record per file with personal data in clear.
      const inClear = items.filter((it) => it.piiShown).length;
      if (inClear > 0)
        await auditNow(database, req.actor(), {
          action: 'ledger.pii.export',
          entityType: def.key,
          details: { rows: items.length, inClear },
        });
      return sendXlsx(reply, `${def.title}.xlsx`, body);
    },
  );
}

export { MAX_IMPORT_BYTES };
