import type { Database } from '../db/index.ts';
import type { Config } from './config.ts';

/** What every module's routes are given: the database and the configuration. */
export interface AppDeps {
  database: Database;
  config: Config;
}
