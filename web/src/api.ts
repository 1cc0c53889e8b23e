// The API client: JSON over fetch with the session cookie, the CSRF token on every write, and the
// server's Chinese error message carried on the thrown error.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for writes that do not go through `request` (multipart uploads over XHR). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export interface RequestOptions {
  /** Do not send the browser to /login on a 401 (the login page and the initial /api/me use it). */
  noRedirect?: boolean;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** A query string from the defined, non-empty values of `query`. */
export function qs(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function redirect(path: string): void {
  if (window.location.pathname === path) return;
  const from = window.location.pathname + window.location.search;
  window.location.assign(path === '/login' ? `/login${qs({ from: from === '/' ? undefined : from })}` : path);
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    const error = new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `请求失败（HTTP ${res.status}）`,
      err?.field,
    );
    if (!opts.noRedirect) {
      if (res.status === 401) redirect('/login');
      else if (error.code === 'PASSWORD_CHANGE_REQUIRED') redirect('/change-password');
      else if (error.code === 'TOTP_SETUP_REQUIRED') redirect('/totp-setup');
    }
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(url: string, opts?: RequestOptions) => request<T>('GET', url, undefined, opts),
  post: <T>(url: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', url, body, opts),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return '操作失败，请稍后重试';
}

/**
 * POSTs a multipart form over XHR so that the upload's progress can be shown (fetch cannot report it).
 * `onUploaded` fires once the bytes are sent and the server is working. Resolves with the status and
 * the parsed JSON body whatever the status; rejects only when the server cannot be reached.
 */
export function upload<T>(
  url: string,
  form: FormData,
  handlers: { onProgress?: (percent: number) => void; onUploaded?: () => void } = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) handlers.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      handlers.onProgress?.(100);
      handlers.onUploaded?.();
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 401) window.location.assign('/login');
      resolve({ status: xhr.status, body: body as T });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.send(form);
  });
}
