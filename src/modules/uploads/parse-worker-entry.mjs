// Entry of the parse worker thread. Plain JavaScript, so that it starts the same way under Vitest, tsx
// (`node bin/fazhi.js`) and anything else: it registers tsx itself, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
