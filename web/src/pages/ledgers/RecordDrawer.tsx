// The record form, generated from the ledger's fields: new, edit or (without ledger:edit) view.
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Spin,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api';
import type { TreeItem } from '../../components/units';
import { formatDateTime } from '../../format';
import type { FieldValue, LedgerField, LedgerMeta, LedgerRecordDto } from './common';
import { RecordDeadlines } from './RecordDeadlines';

export type DrawerMode = { kind: 'new' } | { kind: 'edit'; id: string };

type FormValues = Record<string, unknown>;

function toForm(def: LedgerMeta, values: Record<string, FieldValue>): FormValues {
  const out: FormValues = {};
  for (const f of def.fields) {
    const v = values[f.name] ?? null;
    if (v === null) out[f.name] = undefined;
    else if (f.type === 'date' && typeof v === 'string') out[f.name] = dayjs(v);
    else out[f.name] = v;
  }
  return out;
}

function toApi(def: LedgerMeta, form: FormValues): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of def.fields) {
    if (f.derived) continue;
    const v = form[f.name];
    if (v === undefined || v === null || v === '') out[f.name] = null;
    else if (f.type === 'date')
      out[f.name] = (f.granularity ? (v as Dayjs).startOf(f.granularity) : (v as Dayjs)).format('YYYY-MM-DD');
    else if (f.type === 'multi') out[f.name] = (v as string[]).length ? (v as string[]) : null;
    else out[f.name] = v as FieldValue;
  }
  return out;
}

/**
 * An amount with thousands separators (16,134,482.00) once entered; while typing, what was typed, so the
 * caret does not jump. The parser takes the separators out again.
 */
const groupDigits = (
  v: string | number | undefined,
  info: { userTyping: boolean; input: string },
): string => {
  if (info.userTyping) return info.input;
  if (v === undefined || v === '' || Number.isNaN(Number(v))) return '';
  return Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
};
const ungroupDigits = (v: string | undefined): string => (v ?? '').replace(/,/g, '');

/** One control; Form.Item passes `value`, `onChange` and `id` through `rest`. */
function FieldInput({
  field,
  disabled,
  ...rest
}: {
  field: LedgerField;
  disabled: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the control's own value/onChange types vary by field type
  [k: string]: any;
}) {
  const common = { ...rest, disabled, 'aria-label': field.label };
  if (field.derived) {
    const v: unknown = rest.value;
    return (
      <Input
        id={rest.id}
        aria-label={field.label}
        readOnly
        variant="borderless"
        value={v === true ? '是' : v === false ? '否' : '—（保存后自动计算）'}
      />
    );
  }
  switch (field.type) {
    case 'longtext':
      return <Input.TextArea {...common} rows={3} maxLength={field.max ?? undefined} showCount />;
    case 'date':
      // A year or month is picked as such; the ISO date is still accepted when typed (as in Excel).
      return field.granularity ? (
        <DatePicker
          {...common}
          picker={field.granularity}
          format={[field.granularity === 'year' ? 'YYYY年' : 'YYYY年M月', 'YYYY-MM-DD']}
          style={{ width: '100%' }}
          placeholder={field.granularity === 'year' ? '请选择年度' : '请选择月份'}
        />
      ) : (
        <DatePicker {...common} style={{ width: '100%' }} placeholder="请选择日期" />
      );
    case 'int':
    case 'decimal':
    case 'money':
      return (
        <InputNumber
          {...common}
          style={{ width: '100%' }}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          precision={field.type === 'int' ? 0 : 2}
          suffix={field.type === 'money' ? '元' : undefined}
          {...(field.type === 'money' && { formatter: groupDigits, parser: ungroupDigits })}
        />
      );
    case 'bool':
      return (
        <Select
          {...common}
          allowClear
          placeholder={`请选择${field.label}`}
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      );
    case 'dict':
      return (
        <Select
          {...common}
          allowClear
          showSearch
          placeholder={`请选择${field.label}`}
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
    case 'multi':
      return (
        <Select
          {...common}
          mode="multiple"
          allowClear
          placeholder={`请选择${field.label}（可多选）`}
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
    default:
      return <Input {...common} maxLength={field.max ?? undefined} />;
  }
}

/** A choice is chosen, not written: 「请选择决定类型」, 「请填写案号」. */
function requiredMessage(field: LedgerField): string {
  const chosen = ['dict', 'multi', 'bool', 'date'].includes(field.type);
  return `${chosen ? '请选择' : '请填写'}${field.label}`;
}

export function RecordDrawer(props: {
  def: LedgerMeta;
  mode: DrawerMode | null;
  canEdit: boolean;
  unitTree: TreeItem[];
  showUnit: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { def, mode, canEdit, unitTree, showUnit, onClose, onSaved } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [record, setRecord] = useState<LedgerRecordDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const hasPii = def.fields.some((f) => f.pii);

  useEffect(() => {
    setFormError(null);
    setLoadError(null);
    setRecord(null);
    form.resetFields();
    if (!mode || mode.kind === 'new') return;
    let live = true;
    setLoading(true);
    api
      .get<LedgerRecordDto>(`/api/ledgers/${def.key}/records/${mode.id}`)
      .then((r) => {
        if (!live) return;
        setRecord(r);
        form.setFieldsValue(toForm(def, r.values));
      })
      .catch((e: unknown) => {
        if (!live) return;
        setLoadError(
          e instanceof ApiError && e.status === 404 ? '记录不存在，或不在您的数据范围内' : errorMessage(e),
        );
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [mode, def, form]);

  const editable = canEdit && !loadError;

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const body = toApi(def, values);
      if (mode?.kind === 'edit' && record) {
        await api.put(`/api/ledgers/${def.key}/records/${record.id}`, {
          values: body,
          version: record.version,
        });
        message.success('已保存');
      } else {
        const unitId = values.__unitId as string | undefined;
        await api.post(`/api/ledgers/${def.key}/records`, { values: body, ...(unitId ? { unitId } : {}) });
        message.success('已新增');
      }
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) {
        // The server names the first field; the message lists every field as 「标签：原因」.
        const named = new Map<string, string[]>();
        for (const part of e.message.split('；')) {
          const f = def.fields.find((fd) => part.startsWith(`${fd.label}：`));
          if (f) named.set(f.name, [...(named.get(f.name) ?? []), part.slice(f.label.length + 1)]);
        }
        if (e.field && !named.has(e.field) && def.fields.some((f) => f.name === e.field))
          named.set(e.field, [e.message]);
        if (named.size) form.setFields([...named.entries()].map(([name, errors]) => ({ name, errors })));
        setFormError(e.message);
      } else setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const title =
    mode?.kind === 'new'
      ? `新增${def.title}记录`
      : editable
        ? `编辑${def.title}记录`
        : `查看${def.title}记录`;

  return (
    <Drawer
      title={title}
      open={mode !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          {editable && (
            <Button type="primary" loading={saving} onClick={save} data-testid="record-save">
              保存
            </Button>
          )}
        </Space>
      }
    >
      {loading ? (
        <Spin />
      ) : loadError ? (
        <Result status="warning" title={loadError} />
      ) : (
        <>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          {record && (
            <Typography.Paragraph type="secondary">
              填报单位：{record.unitName}　最后修改：{formatDateTime(record.updatedAt)}
            </Typography.Paragraph>
          )}
          {record && hasPii && !record.piiShown && (
            <Typography.Paragraph type="secondary" data-testid="pii-masked-note">
              个人信息已脱敏：本单位的填报、审核人员和有「查看未脱敏个人信息」权限的人员可见原文
            </Typography.Paragraph>
          )}
          {record && <RecordDeadlines ledger={def.key} id={record.id} version={record.version} />}
          <Form form={form} layout="vertical" data-testid="record-form">
            {mode?.kind === 'new' && showUnit && (
              <Form.Item name="__unitId" label="填报单位" tooltip="不选则为本单位">
                <TreeSelect
                  aria-label="填报单位"
                  allowClear
                  showSearch
                  treeNodeFilterProp="title"
                  placeholder="本单位"
                  treeData={unitTree}
                  treeDefaultExpandAll
                />
              </Form.Item>
            )}
            {def.fields.map((f) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                tooltip={f.help ?? undefined}
                rules={f.required ? [{ required: true, message: requiredMessage(f) }] : []}
              >
                <FieldInput field={f} disabled={!editable} />
              </Form.Item>
            ))}
          </Form>
        </>
      )}
    </Drawer>
  );
}
