// The to-do as GET /api/todo and GET /api/todo/reports give it.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';

export interface TodoItem {
  ledger: string;
  ledgerTitle: string;
  recordId: string;
  unitName: string;
  title: string;
  deadline: string;
  from: string;
  due: string;
  status: 'overdue' | 'due_soon';
  statusLabel: string;
  remainingWorkingDays: number;
  daysLate: number;
}

export interface Todo {
  today: string;
  overdue: number;
  dueSoon: number;
  items: TodoItem[];
}

export interface ReportDue {
  ledger: string;
  ledgerTitle: string;
  unitName: string;
  period: string;
  periodLabel: string;
  due: string;
  filed: boolean;
  status: 'filed' | 'due' | 'overdue';
  statusLabel: string;
}

export const recordLink = (i: TodoItem) => `/ledgers/${i.ledger}?record=${encodeURIComponent(i.recordId)}`;

export function useFetched<T>(url: string): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get<T>(url)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [url]);
  return { data, error };
}
