// 导入: upload a filled template with a progress bar; on refusal the first errors and the error report.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Spin, Table, TreeSelect, Typography, Upload } from 'antd';
import { useState } from 'react';
import { upload } from '../../api';
import type { TreeItem } from '../../components/units';
import type { LedgerMeta } from './common';

interface ImportError {
  row: number;
  column: string;
  value: unknown;
  reason: string;
}

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; percent: number; name: string }
  | { phase: 'writing'; name: string }
  | { phase: 'done'; rows: number; created: number; updated: number }
  | {
      phase: 'failed';
      message: string;
      errors: ImportError[];
      errorCount: number;
      reportUrl: string | null;
    };

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
  const busy = state.phase === 'uploading' || state.phase === 'writing';

  const send = async (file: File) => {
    const form = new FormData();
    if (unitId) form.append('unitId', unitId);
    form.append('file', file, file.name);
    setState({ phase: 'uploading', percent: 0, name: file.name });
    try {
      const res = await upload<{
        rows?: number;
        created?: number;
        updated?: number;
        error?: { message: string };
        errors?: ImportError[];
        errorCount?: number;
        reportUrl?: string;
      }>(`/api/ledgers/${def.key}/import`, form, {
        onProgress: (percent) => setState((s) => (s.phase === 'uploading' ? { ...s, percent } : s)),
        onUploaded: () => setState({ phase: 'writing', name: file.name }),
      });
      const b = res.body ?? {};
      if (res.status >= 200 && res.status < 300) {
        setState({ phase: 'done', rows: b.rows ?? 0, created: b.created ?? 0, updated: b.updated ?? 0 });
        onImported();
      } else {
        setState({
          phase: 'failed',
          message: b.error?.message ?? `导入失败（HTTP ${res.status}）`,
          errors: b.errors ?? [],
          errorCount: b.errorCount ?? b.errors?.length ?? 0,
          reportUrl: b.reportUrl ?? null,
        });
      }
    } catch (e) {
      setState({
        phase: 'failed',
        message: e instanceof Error ? e.message : '导入失败',
        errors: [],
        errorCount: 0,
        reportUrl: null,
      });
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
          <TreeSelect
            aria-label="导入到单位"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder="导入到单位（默认本单位；模板中「填报单位」列优先）"
            treeData={unitTree}
            value={unitId}
            onChange={(v) => setUnitId(v)}
            style={{ width: '100%' }}
            treeDefaultExpandAll
          />
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
        {state.phase === 'uploading' && (
          <div data-testid="import-progress">
            <Typography.Text>正在上传 {state.name}</Typography.Text>
            <Progress percent={state.percent} status="active" />
          </div>
        )}
        {state.phase === 'writing' && (
          <div data-testid="import-progress">
            <Progress percent={100} />
            <Space>
              <Spin size="small" />
              <Typography.Text>正在校验并写入…</Typography.Text>
            </Space>
          </div>
        )}
        {state.phase === 'done' && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={`导入成功：共 ${state.rows} 行，新增 ${state.created} 条，更新 ${state.updated} 条`}
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
