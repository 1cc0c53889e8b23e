import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RULES } from '../../domain/proofread/index.ts';
import { PROHIBITED_CATEGORIES, PROHIBITED_VERSION } from '../../domain/proofread/rules/prohibited.ts';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { AppError, badRequest } from '../../server/errors.ts';
import { version } from '../../server/http.ts';
import { MAX_PROOFREAD_CHARS } from '../uploads/limits.ts';
import { documentText, MAX_BYTES, UnreadableInputError } from './read-document.ts';
import { getWordLists, proofread, updateWordLists, wordListsSchema } from './service.ts';

const options = {
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  signedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .optional(),
  unitName: z.string().max(60).optional(),
  halfWidthPunctuation: z.enum(['flag', 'allow', 'consistent']).optional(),
  compareUnit: z.string().max(64).optional(),
};

export async function proofreadRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  r.get(
    '/api/proofread/rules',
    { schema: { tags: ['报告体检'], summary: '检查规则' }, config: { permission: 'proofread:use' } },
    async () => RULES.map((rule) => ({ id: rule.id, title: rule.title, severity: rule.severity })),
  );

  r.post(
    '/api/proofread/check',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags: ['报告体检'],
        summary: '检查粘贴的报告文本，返回问题与数字',
        body: z.object({
          text: z
            .string()
            .min(1, { error: '请粘贴要检查的文本' })
            .max(MAX_PROOFREAD_CHARS, { error: '文本超过 50 万字，请分段检查' }),
          ...options,
        }),
      },
      config: { permission: 'proofread:use' },
    },
    async (req) => proofread(database, requireAuth(req), req.body),
  );

  r.post(
    '/api/proofread/upload',
    {
      schema: {
        tags: ['报告体检'],
        summary: '上传 .docx / .txt / .html 报告检查（multipart：file，可选 year、signedOn）',
      },
      config: { permission: 'proofread:use' },
    },
    async (req) => {
      if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件（字段名 file）', 'file');
      let text: string | null = null;
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (buf.length === 0) throw badRequest('文件为空', 'file');
          if (buf.length > MAX_BYTES) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件超过 10 MB');
          try {
            text = await documentText(buf, part.filename);
          } catch (e) {
            if (e instanceof UnreadableInputError)
              throw e.status === 413
                ? new AppError(413, 'PAYLOAD_TOO_LARGE', e.message, 'file')
                : badRequest(e.message, 'file');
            throw e;
          }
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
      if (text === null) throw badRequest('请选择要检查的文件', 'file');
      if (!text.trim()) throw badRequest('文件中没有可检查的文字', 'file');
      if (text.length > MAX_PROOFREAD_CHARS)
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件中的文字超过 50 万字，请分段检查', 'file');
      const opts = z.object(options).safeParse(fields);
      if (!opts.success)
        throw badRequest(
          `参数不正确：${opts.error.issues[0]?.message ?? ''}`,
          String(opts.error.issues[0]?.path[0] ?? ''),
        );
      return { text, ...(await proofread(database, requireAuth(req), { text, ...opts.data })) };
    },
  );

  r.get(
    '/api/proofread/wordlists',
    {
      schema: { tags: ['报告体检'], summary: '违禁词表的本地增删' },
      config: { permission: 'proofread:admin' },
    },
    async () => ({
      ...(await getWordLists(database)),
      shippedVersion: PROHIBITED_VERSION,
      categories: PROHIBITED_CATEGORIES,
    }),
  );

  r.put(
    '/api/proofread/wordlists',
    {
      schema: {
        tags: ['报告体检'],
        summary: '修改违禁词表的本地增删',
        body: wordListsSchema.extend({ version }),
      },
      config: { permission: 'proofread:admin' },
    },
    async (req) => {
      const { version: v, ...next } = req.body;
      return updateWordLists(database, req.actor(), next, v);
    },
  );
}
