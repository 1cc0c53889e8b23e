// Helpers around the unit tree (GET /api/units/tree) for Tree and TreeSelect.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import type { UnitNode } from '../types';

export interface TreeItem {
  key: string;
  value: string;
  title: string;
  children: TreeItem[];
}

export function toTreeData(nodes: UnitNode[]): TreeItem[] {
  return nodes.map((n) => ({ key: n.id, value: n.id, title: n.name, children: toTreeData(n.children) }));
}

export function countNodes(nodes: UnitNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

/** The unit tree in the user's data scope; `reload` after units change. */
export function useUnitTree(enabled = true) {
  const [tree, setTree] = useState<UnitNode[]>([]);
  const [loading, setLoading] = useState(enabled);
  const reload = useCallback(async () => {
    if (!enabled) return;
    setLoading(true);
    try {
      setTree(await api.get<UnitNode[]>('/api/units/tree'));
    } catch {
      setTree([]);
    } finally {
      setLoading(false);
    }
  }, [enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { tree, loading, reload };
}
