// One region setting (工作日历, 法定期限, 指标口径) as the settings cards use it: loaded with its version,
// saved with that version, and on a stale version (someone else saved first) reloaded with a message
// saying so, so that the user redoes the change on what is now stored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api';
import type { RegionRef } from './types';

interface Versioned {
  version: number;
  region: RegionRef;
}

export function useRegionSetting<T extends Versioned>(
  url: string,
  /** What the setting is called in messages: 「已载入最新的{what}」. */
  what: string,
  opts: { onRegion?: (region: RegionRef) => void; onLoad?: (data: T) => void } = {},
) {
  const [data, setData] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The callbacks change on every render of the card; the latest is used without reloading.
  const callbacks = useRef(opts);
  callbacks.current = opts;

  const load = useCallback(async () => {
    try {
      const loaded = await api.get<T>(url);
      setData(loaded);
      setLoadError(null);
      callbacks.current.onLoad?.(loaded);
      callbacks.current.onRegion?.(loaded.region);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [url]);

  useEffect(() => {
    void load();
  }, [load]);

  /**
   * PUTs `body` with the loaded version and takes in the reply (the new version and items); `key` names
   * what is being saved, for `busy`. Returns whether it was saved; on failure `error` says why.
   */
  const save = async (key: string, body: Record<string, unknown>): Promise<boolean> => {
    if (!data) return false;
    setBusy(key);
    setError(null);
    try {
      const next = await api.put<Partial<T>>(url, { ...body, version: data.version });
      setData({ ...data, ...next });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(`${e.message}（已载入最新的${what}，请重新修改后保存）`);
        await load();
      } else setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const reload = async () => {
    setError(null);
    await load();
  };

  return { data, loadError, error, setError, busy, save, reload };
}
