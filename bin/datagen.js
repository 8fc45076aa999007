#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (registered for this process and its worker threads).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
