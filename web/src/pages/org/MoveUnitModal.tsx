// 调整上级单位: pick a new parent for a unit in the same region (not itself or one of its own
// subordinates), or make it a top-level unit of the region; confirmed before it is sent, since the
// unit's subordinate units, records and figures all go with it.
import { Alert, App, Checkbox, Descriptions, Modal, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Unit, UnitNode } from '../../types';

interface PickItem {
  key: string;
  value: string;
  title: string;
  disabled: boolean;
  children: PickItem[];
}

/** The tree for the picker: the unit itself, its subtree and other regions' units cannot be chosen. */
function pickTree(nodes: UnitNode[], unit: Unit, inside = false): PickItem[] {
  return nodes.map((n) => {
    const own = inside || n.id === unit.id;
    return {
      key: n.id,
      value: n.id,
      title: n.name,
      disabled: own || n.regionCode !== unit.regionCode || n.id === unit.parentId,
      children: pickTree(n.children, unit, own),
    };
  });
}

function nameOf(nodes: UnitNode[], id: string): string | null {
  for (const n of nodes) {
    if (n.id === id) return n.name;
    const found = nameOf(n.children, id);
    if (found) return found;
  }
  return null;
}

export function MoveUnitModal({
  unit,
  tree,
  wholeScope,
  onClose,
  onMoved,
}: {
  unit: Unit;
  tree: UnitNode[];
  /** Only a whole-region scope may make a unit top-level, as only it may create one. */
  wholeScope: boolean;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { message, modal } = App.useApp();
  const [parentId, setParentId] = useState<string | undefined>();
  const [toTop, setToTop] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const treeData = useMemo(() => pickTree(tree, unit), [tree, unit]);
  const target = toTop ? `${unit.regionName}（顶级单位）` : parentId ? nameOf(tree, parentId) : null;

  const send = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/units/${unit.id}/move`, {
        parentId: toTop ? null : parentId,
        version: unit.version,
      });
      message.success(`「${unit.name}」已调整到「${target}」之下`);
      onMoved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') {
        message.warning('该单位已被他人修改，列表已刷新，请重新操作');
        onMoved();
      } else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const confirm = () => {
    if (!target) {
      setError('请选择新的上级单位');
      return;
    }
    modal.confirm({
      title: `将「${unit.name}」调整到「${target}」之下？`,
      content: '其下级单位、用户的数据范围、台账记录和统计数据将一并调整，本操作记入审计日志。',
      okText: '确定调整',
      cancelText: '取消',
      onOk: send,
    });
  };

  return (
    <Modal
      title="调整上级单位"
      open
      onCancel={onClose}
      onOk={confirm}
      okText="调整"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: !target }}
      destroyOnHidden
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="单位">{unit.name}</Descriptions.Item>
        <Descriptions.Item label="现上级单位">
          {unit.parentName ?? `${unit.regionName}（顶级单位）`}
        </Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={error} onClose={() => setError(null)} testId="move-unit-error" />
      <Typography.Paragraph style={{ marginBottom: 8 }}>新的上级单位</Typography.Paragraph>
      <TreeSelect
        aria-label="新的上级单位"
        data-testid="move-unit-parent"
        style={{ width: '100%' }}
        treeData={treeData}
        treeDefaultExpandAll
        showSearch={{ treeNodeFilterProp: 'title' }}
        placeholder="请选择新的上级单位（本单位及其下级单位不可选）"
        allowClear
        disabled={toTop}
        value={parentId}
        onChange={(v) => {
          setParentId(v);
          setError(null);
        }}
      />
      {wholeScope && unit.parentId !== null && (
        <Checkbox
          style={{ marginTop: 12 }}
          checked={toTop}
          onChange={(e) => {
            setToTop(e.target.checked);
            setError(null);
          }}
        >
          调整为{unit.regionName}的顶级单位（不设上级单位）
        </Checkbox>
      )}
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title="只能在本行政区划内调整。下级单位随之调整；已停用的单位不能作为上级单位。"
      />
    </Modal>
  );
}
