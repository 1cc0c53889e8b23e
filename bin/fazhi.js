#!/usr/bin/env node
// The `fazhi` command. Runs the TypeScript sources through tsx so that a fresh clone needs no build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
