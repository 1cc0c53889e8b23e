// For tests/api/logging.test.ts: starts `serve` as the command does, then throws outside any request.
import { loadConfig } from '../../src/server/config.ts';
import { serve } from '../../src/server/start.ts';

await serve(loadConfig());
setTimeout(() => {
  throw new Error('模拟的未捕获异常');
}, 0);
