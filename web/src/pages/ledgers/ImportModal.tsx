// 导入: upload a filled template, then follow the server's work row by row (NDJSON progress lines over
// the same XHR); on refusal the first errors and the error report.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, TreeSelect, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, csrfHeaders } from '../../api';
import type { TreeItem } from '../../components/units';
import type { LedgerMeta } from './common';

interface ImportError {
  row: number;
  column: string;
  value: unknown;
  reason: string;
}

type Stage = 'upload' | 'parse' | 'validate' | 'write';

/** One line of the server's answer to `accept: application/x-ndjson` (see docs/ledgers.md). */
type StreamLine =
  | { type: 'progress'; phase: Exclude<Stage, 'upload'>; done: number; total: number }
  | { type: 'result'; ok: true; rows: number; created: number; updated: number; blankUnit?: BlankUnit | null }
  | {
      type: 'error';
      status: number;
      error?: { code?: string; message?: string };
      errors?: ImportError[];
      errorCount?: number;
      reportUrl?: string;
    };

/** Where the rows with a blank 填报单位 went, as the server reports it. */
interface BlankUnit {
  name: string;
  rows: number;
}

/** Where the bar stands: what is being done and how far, kept after the end to show the last count. */
interface Tracker {
  stage: Stage;
  done: number;
  total: number;
}

type State =
  | { phase: 'idle' }
  | { phase: 'running'; name: string; progress: Tracker }
  | {
      phase: 'done';
      rows: number;
      created: number;
      updated: number;
      blankUnit: BlankUnit | null;
      progress: Tracker;
    }
  | {
      phase: 'failed';
      message: string;
      errors: ImportError[];
      errorCount: number;
      reportUrl: string | null;
      progress: Tracker | null;
      /** No answer from the server: whether the rows were written is unknown. */
      interrupted: boolean;
    };

/** The share of the bar each stage fills (upload, read, validate, write), so the bar never goes back. */
const SPANS: Record<Stage, [number, number]> = {
  upload: [0, 20],
  parse: [20, 30],
  validate: [30, 70],
  write: [70, 100],
};

function percentOf(p: Tracker): number {
  const [from, to] = SPANS[p.stage];
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.floor(from + (to - from) * share);
}

function progressText(p: Tracker, phase: State['phase'], interrupted = false): string {
  const running = phase === 'running';
  switch (p.stage) {
    case 'upload':
      return `上传中 ${p.total > 0 ? Math.round((p.done / p.total) * 100) : 0}%`;
    case 'parse':
      if (running) return '正在读取文件…';
      return p.done < p.total ? '未能读取文件' : '已读取文件';
    case 'validate':
      return running ? `正在校验 第 ${p.done} / ${p.total} 行` : `已校验 ${p.done} / ${p.total} 行`;
    case 'write':
      if (running) return `正在写入 ${p.done} / ${p.total} 行`;
      if (phase === 'done') return `已写入 ${p.done} / ${p.total} 行`;
      // The server's error comes from inside the transaction, which rolled back.
      return interrupted ? `写入中断（${p.done} / ${p.total} 行）` : '写入未完成，已全部撤回，未写入任何数据';
  }
}

/**
 * POSTs the form over XHR (fetch cannot report an upload's progress) asking for NDJSON, and hands over
 * each complete line as it arrives. Resolves with the status and, for an answer that is not NDJSON
 * (a refusal before the server read the file: not signed in, no permission, too large), its JSON body.
 */
function postImport(
  url: string,
  form: FormData,
  on: { upload: (percent: number) => void; uploaded: () => void; line: (line: StreamLine) => void },
): Promise<{ status: number; streamed: boolean; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let offset = 0;
    const streamed = () => (xhr.getResponseHeader('content-type') ?? '').includes('application/x-ndjson');
    const drain = (final: boolean) => {
      if (!streamed()) return;
      const text = xhr.responseText;
      const end = final ? text.length : text.lastIndexOf('\n') + 1;
      if (end <= offset) return;
      const chunk = text.slice(offset, end);
      offset = end;
      for (const raw of chunk.split('\n')) {
        if (!raw.trim()) continue;
        try {
          on.line(JSON.parse(raw) as StreamLine);
        } catch {
          // not a line of ours (a proxy's page): the missing result reports the failure
        }
      }
    };
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/x-ndjson, application/json;q=0.5');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) on.upload(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      on.upload(100);
      on.uploaded();
    };
    xhr.onprogress = () => drain(false);
    xhr.onload = () => {
      drain(true);
      if (xhr.status === 401) window.location.assign('/login');
      let body: unknown = null;
      if (!streamed()) {
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
      }
      resolve({ status: xhr.status, streamed: streamed(), body });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.send(form);
  });
}

/** The name of a unit in the tree the dialog offers. */
function titleOf(items: TreeItem[], id: string): string | null {
  for (const item of items) {
    if (item.value === id) return item.title;
    const inner = titleOf(item.children, id);
    if (inner) return inner;
  }
  return null;
}

export function ImportModal(props: {
  def: LedgerMeta;
  open: boolean;
  unitTree: TreeItem[];
  showUnit: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { def, open, unitTree, showUnit, onClose, onImported } = props;
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [unitId, setUnitId] = useState<string | undefined>();
  const busy = state.phase === 'running';
  /** The latest import: a late line of an earlier one must not overwrite it. */
  const current = useRef(0);

  const send = async (file: File) => {
    const form = new FormData();
    if (unitId) form.append('unitId', unitId);
    form.append('file', file, file.name);
    const id = current.current + 1;
    current.current = id;
    let progress: Tracker = { stage: 'upload', done: 0, total: 100 };
    let outcome: State | null = null;
    const track = (next: Tracker) => {
      // Lines arrive in order; the guard keeps the bar from going back whatever happens.
      if (id !== current.current || outcome || percentOf(next) < percentOf(progress)) return;
      progress = next;
      setState({ phase: 'running', name: file.name, progress });
    };
    const fail = (
      message: string,
      b: Omit<Extract<StreamLine, { type: 'error' }>, 'type' | 'status'> = {},
    ) => ({
      phase: 'failed' as const,
      message,
      errors: b.errors ?? [],
      errorCount: b.errorCount ?? b.errors?.length ?? 0,
      reportUrl: b.reportUrl ?? null,
      progress: progress.stage === 'upload' ? null : progress,
      interrupted: false,
    });
    /** Done: the bar stays full with the number of rows written. */
    const succeeded = (b: {
      rows?: number;
      created?: number;
      updated?: number;
      blankUnit?: BlankUnit | null;
    }): State => {
      const rows = b.rows ?? 0;
      return {
        phase: 'done',
        rows,
        created: b.created ?? 0,
        updated: b.updated ?? 0,
        blankUnit: b.blankUnit ?? null,
        progress: { stage: 'write', done: rows, total: rows },
      };
    };
    setState({ phase: 'running', name: file.name, progress });
    try {
      const res = await postImport(`/api/ledgers/${def.key}/import`, form, {
        upload: (percent) => track({ stage: 'upload', done: percent, total: 100 }),
        uploaded: () => track({ stage: 'parse', done: 0, total: 1 }),
        line: (line) => {
          if (outcome) return;
          if (line.type === 'progress') track({ stage: line.phase, done: line.done, total: line.total });
          else if (line.type === 'result') outcome = succeeded(line);
          else outcome = fail(line.error?.message ?? `导入失败（HTTP ${line.status}）`, line);
        },
      });
      if (id !== current.current) return;
      if (!res.streamed) {
        // Refused before the file was read: an ordinary JSON error (or, from an older server, the result).
        const b = (res.body ?? {}) as Partial<Extract<StreamLine, { type: 'result' }>> &
          Omit<Extract<StreamLine, { type: 'error' }>, 'type' | 'status'>;
        if (res.status >= 200 && res.status < 300) outcome = succeeded(b);
        else outcome = fail(b.error?.message ?? `导入失败（HTTP ${res.status}）`, b);
      }
      const final: State = outcome ?? {
        ...fail('导入中断：没有收到服务器的结果，请刷新列表确认是否已导入后重试'),
        interrupted: true,
      };
      setState(final);
      if (final.phase === 'done') onImported();
    } catch (e) {
      if (id !== current.current) return;
      setState({ ...fail(e instanceof Error ? e.message : '导入失败'), interrupted: true });
    }
  };

  const close = () => {
    if (busy) return;
    setState({ phase: 'idle' });
    onClose();
  };

  return (
    <Modal
      title={`导入${def.title}`}
      open={open}
      onCancel={close}
      width={760}
      footer={
        <Button onClick={close} disabled={busy}>
          关闭
        </Button>
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          请使用
          <a href={`/api/ledgers/${def.key}/template.xlsx`} download>
            导入模板
          </a>
          填写（带 * 的列必填）。全部行校验通过后才一次写入；与已有记录的
          {def.naturalKey.map((k) => def.fields.find((f) => f.name === k)?.label ?? k).join('、')}
          相同的行将更新该记录。
        </Typography.Paragraph>
        {showUnit && (
          <>
            <TreeSelect
              aria-label="默认填报单位"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder="默认填报单位：未填写「填报单位」的行导入到此单位"
              treeData={unitTree}
              value={unitId}
              onChange={(v) => setUnitId(v)}
              style={{ width: '100%' }}
              treeDefaultExpandAll
              disabled={busy}
            />
            <Typography.Text type="secondary" data-testid="import-default-unit">
              {unitId
                ? `未填写「填报单位」的行将导入到：${titleOf(unitTree, unitId) ?? '所选单位'}`
                : '未选择默认单位：每行须填写「填报单位」，未填写的行将报错'}
            </Typography.Text>
          </>
        )}
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          data-testid="import-upload"
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入 .xlsx 文件开始导入</p>
        </Upload.Dragger>
        {state.phase !== 'idle' && state.progress && (
          <div data-testid="import-progress">
            {state.phase === 'running' && (
              <Typography.Text type="secondary" ellipsis>
                {state.name}
              </Typography.Text>
            )}
            <Progress
              percent={state.phase === 'done' ? 100 : percentOf(state.progress)}
              status={state.phase === 'running' ? 'active' : state.phase === 'done' ? 'success' : 'exception'}
            />
            <Typography.Text data-testid="import-progress-text" aria-live="polite">
              {progressText(state.progress, state.phase, state.phase === 'failed' && state.interrupted)}
            </Typography.Text>
          </div>
        )}
        {state.phase === 'done' && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={`导入成功：共 ${state.rows} 行，新增 ${state.created} 条，更新 ${state.updated} 条`}
            description={
              state.blankUnit
                ? `其中 ${state.blankUnit.rows} 行未填写填报单位，已导入到「${state.blankUnit.name}」`
                : undefined
            }
          />
        )}
        {state.phase === 'failed' && (
          <div data-testid="import-errors">
            <Alert
              type="error"
              showIcon
              title={state.message}
              description={
                state.errorCount > 0 ? (
                  <Space wrap>
                    <span>
                      共 <b data-testid="import-error-count">{state.errorCount}</b> 处错误，未写入任何记录。
                    </span>
                    {state.reportUrl && (
                      <a href={state.reportUrl} download data-testid="import-report">
                        下载错误报告
                      </a>
                    )}
                  </Space>
                ) : null
              }
            />
            {state.errors.length > 0 && (
              <Table<ImportError>
                size="small"
                style={{ marginTop: 12 }}
                rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
                dataSource={state.errors.slice(0, 20)}
                pagination={false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  {
                    title: '值',
                    dataIndex: 'value',
                    width: 140,
                    render: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
                  },
                  { title: '原因', dataIndex: 'reason' },
                ]}
                footer={state.errorCount > 20 ? () => `仅显示前 20 处，完整清单见错误报告` : undefined}
              />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}
