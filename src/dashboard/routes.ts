/**
 * The web dashboard: static files from ./public served at / (the page) and /dashboard/<file>, /dashboard/js/<file> (its assets),
 * plus /dashboard/services.json, the sinks this deployment serves (for the launch form), and /dashboard/js/event-types.js,
 * the command event types made from the event catalogue (so the page never restates them).
 * No build step: the browser loads the ES modules as they are.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_EVENT_TYPES } from '../events/types.js';
import { availableSinks } from '../sinks/registry.js';

export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** The file under PUBLIC_DIR that `rel` names, or undefined when it escapes the directory or has no known type. */
export function publicFile(rel: string): string | undefined {
  const file = path.resolve(PUBLIC_DIR, rel);
  if (!file.startsWith(PUBLIC_DIR + path.sep)) return undefined;
  return CONTENT_TYPES[path.extname(file)] ? file : undefined;
}

/** Modules the server writes rather than reads from PUBLIC_DIR: facts the page must not restate. */
const GENERATED: Record<string, string> = {
  'js/event-types.js': `// Made by the server from src/events/types.ts.\nexport const EVENT_TYPES = ${JSON.stringify(COMMAND_EVENT_TYPES)};\n`,
};

async function serve(ctx: Context, rel: string): Promise<boolean> {
  const file = publicFile(rel);
  const body = file ? (GENERATED[rel] ?? (await readFile(file).catch(() => undefined))) : undefined;
  if (!file || !body) return false;
  ctx.type = CONTENT_TYPES[path.extname(file)];
  // Revalidate every time: the assets change with the service, and they are small.
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = body;
  return true;
}

/** Adds the dashboard's routes to `router` (made by the API, which attaches authorization to its routes). */
export function dashboardRoutes(router: Router): Router {
  for (const page of ['/', '/dashboard', '/dashboard/']) {
    router.get(page, async (ctx, next) => {
      if (!(await serve(ctx, 'index.html'))) return next();
    });
  }
  router.get('/dashboard/services.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { services: availableSinks() };
  });
  // Files are named exactly, one path segment each (no wildcard), so "styles.css/" or "js//main.js" is no route.
  for (const dir of ['', 'js']) {
    router.get(dir ? `/dashboard/${dir}/:path` : '/dashboard/:path', async (ctx, next) => {
      const name = ctx.params.path;
      if (name.includes('/') || !(await serve(ctx, dir ? `${dir}/${name}` : name))) return next();
    });
  }
  return router;
}
