// A paged list from the API (units, users, the audit log): the current page and size, the rows and
// total, loading and errors, and the Table's pagination. Filters come from the page; a filter change
// should go back to page 1 (`setPage(1)`), as the pages' handlers do.
import { App, type TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, qs } from '../api';
import type { Page } from '../types';

type Filters = Record<string, string | number | boolean | undefined>;

export function usePagedList<T>(path: string, filters: Filters) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Page<T>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  // The filters object is new on every render; its query string says whether it changed.
  const query = qs(filters);

  const load = useCallback(async () => {
    setLoading(true);
    const params = new URLSearchParams(query);
    params.set('page', String(page));
    params.set('pageSize', String(pageSize));
    try {
      setData(await api.get<Page<T>>(`${path}?${params}`));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [path, query, page, pageSize, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data.total,
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 条`,
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  };

  return { data, loading, load, setPage, pagination };
}
