#!/usr/bin/env node
import { resolve } from 'node:path';
// Runs a TypeScript entry point through tsx without a build step: `node bin/run-ts.js FILE [args]`.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [, , file, ...rest] = process.argv;
if (!file) {
  console.error('用法: node bin/run-ts.js FILE.ts [参数…]');
  process.exit(2);
}
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(resolve(file)).href);
