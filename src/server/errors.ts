// One error shape everywhere: {"error": {"code", "message", "field"?}} with a Chinese message.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) =>
  new AppError(400, 'BAD_REQUEST', message, field);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what = '记录') =>
  new AppError(404, 'NOT_FOUND', `${what}不存在或不在您的数据权限范围内`);
export const conflict = (message: string, field?: string) => new AppError(409, 'CONFLICT', message, field);
export const staleVersion = () =>
  new AppError(409, 'STALE_VERSION', '该记录已被他人修改，请刷新后重试', 'version');

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  newPassword: '新密码',
  oldPassword: '原密码',
  displayName: '姓名',
  name: '名称',
  type: '类型',
  unitId: '所属单位',
  parentId: '上级单位',
  version: '版本号',
  code: '代码',
  roleIds: '角色',
  permissions: '权限',
  dataScope: '数据范围',
  phone: '手机号',
  page: '页码',
  pageSize: '每页条数',
};

export function fieldLabel(path: string): string {
  const head = path.split('.')[0] ?? path;
  const label = Object.hasOwn(FIELD_LABELS, head) ? FIELD_LABELS[head] : undefined;
  return label ? `${label}（${path}）` : path;
}

function body(code: string, message: string, field?: string) {
  return { error: field ? { code, message, field } : { code, message } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const path =
        (first?.instancePath ?? '').split('/').filter(Boolean).join('.') || err.validationContext || 'body';
      const msg = first?.message ?? '格式不正确';
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', `字段「${fieldLabel(path)}」不正确：${msg}`, path));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', '上传文件超过 20 MB 的上限', 'file'));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', '请求内容过大，超出允许的上限'));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(body('UNSUPPORTED_MEDIA_TYPE', '请求内容类型不受支持，请使用 application/json'));
    }
    if (
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (fe.statusCode === 400 && fe instanceof SyntaxError)
    ) {
      return reply.status(400).send(body('MALFORMED_JSON', '请求内容不是有效的 JSON'));
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send(body('TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(body('BAD_REQUEST', `请求无效：${fe.message}`));
    }
    // The stack goes to the server log only; the caller learns nothing about the internals.
    req.log.error({ err }, '服务器内部错误');
    return reply.status(500).send(body('INTERNAL', '服务器内部错误，请联系系统管理员'));
  });
}
