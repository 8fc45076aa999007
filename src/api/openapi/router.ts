/**
 * GET /openapi.json (the OpenAPI 3.1 document) and GET /api-docs (Swagger UI from the swagger-ui-dist package,
 * served from node_modules: no CDN). Both answer under / and /api/v1 like every API route; the page loads the
 * document and sends "Try it out" requests to the prefix it was opened under, on the same origin.
 */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Context } from 'koa';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_DOCS_ASSETS, openApiPaths } from './paths.js';
import { componentParameters, componentResponses, componentSchemas, type Json } from './schemas.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const DESCRIPTION = `Synthetic data for Kafka topics, HBase tables and data-lake files, compatible with the Datagen REST API.

Every route answers at \`/\` and under \`/api/v1\` (the original's prefix); pick the server above. \
Parameters come as query parameters, URL-encoded form fields or multipart fields (a body field wins). \
Errors are \`{"commandUuid": "", "error": "...", "code": "...", "details": {...}}\` with a 4xx or 5xx status.

**Security.** With users configured (\`DATAGEN_USERS\` or \`DATAGEN_USERS_FILE\`), every route but \`/health/status\`, \
\`/metrics\` and \`/metrics/all\` needs HTTP Basic credentials: role \`viewer\` may read, role \`admin\` may do everything \
(each operation's \`x-required-role\` says which it needs). With no users configured, the API is open and listens on loopback only.

A guide with curl examples: docs/api.md in the repository.`;

let cached: Json | undefined;

/** The OpenAPI 3.1 document (built once; the sinks come from the registry at first use). */
export function openApiDocument(): Json {
  cached ??= {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Datagen-TS API',
      version: packageVersion(),
      summary: 'Synthetic data generation service, compatible with the Datagen REST API.',
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: '/', description: 'This service' },
      { url: '/api/v1', description: 'This service, under the original\'s prefix' },
    ],
    security: [{ basicAuth: [] }],
    tags: [
      { name: 'generation', description: 'Launch generations' },
      { name: 'commands', description: 'Follow, inspect and cancel commands' },
      { name: 'schedules', description: 'Recurring generations' },
      { name: 'model store', description: 'Stored models, and one-row tests of a model' },
      { name: 'model permissions', description: 'A stored model\'s owner, and who may use (users, groups) and change (admin_users, admin_groups) it' },
      { name: 'users', description: 'Users stored in JetStream, with groups (admin, user, viewer give the roles)' },
      { name: 'credentials', description: 'Named secrets (keytabs, keystores, passwords, access keys) sealed in JetStream, used by commands with credentials=<name>' },
      { name: 'admin', description: 'Operations' },
      { name: 'metrics', description: 'Prometheus metrics and their JSON summary (public)' },
      { name: 'health', description: 'Liveness (public)' },
      { name: 'documentation', description: 'This document and the interactive page' },
      { name: 'dashboard', description: 'The web dashboard (at / only)' },
    ],
    paths: openApiPaths(),
    components: {
      schemas: componentSchemas(),
      parameters: componentParameters(),
      responses: componentResponses(),
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic', description: 'A user from DATAGEN_USERS ("name:password:role") or DATAGEN_USERS_FILE, or one added through /users/add; role viewer or admin.' } },
    },
  };
  return cached;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** The API prefix the request came under ("" or "/api/v1"), so the page and its requests stay under it. */
function prefixOf(ctx: Context): string {
  return ctx.path.startsWith('/api/v1/') ? '/api/v1' : '';
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(prefix: string): string {
  const base = `${prefix}/api-docs`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Datagen-TS API</title>
  <link rel="stylesheet" href="${base}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${base}/favicon-16x16.png" sizes="16x16">
  <style>body { margin: 0; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="${base}/swagger-initializer.js" data-spec-url="${escapeAttr(`${prefix}/openapi.json`)}" data-server="${escapeAttr(prefix || '/')}" charset="UTF-8"></script>
</body>
</html>
`;
}

/**
 * Loads the document from data-spec-url and makes the server the page was opened under the default one,
 * so "Try it out" calls this origin under the same prefix. Credentials the browser holds for the origin
 * (HTTP Basic) are sent along; the Authorize button sets them explicitly.
 */
const INITIALIZER = `(function () {
  var script = document.currentScript;
  var specUrl = script.getAttribute('data-spec-url');
  var server = script.getAttribute('data-server');
  window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
      url: specUrl,
      dom_id: '#swagger-ui',
      deepLinking: true,
      tryItOutEnabled: true,
      displayOperationId: true,
      withCredentials: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      onComplete: function () {
        var spec = window.ui.specSelectors.specJson().toJS();
        var servers = (spec.servers || []).map(function (s) { return s.url; });
        if (servers.indexOf(server) > 0) window.ui.oas3Actions.setSelectedServer(server, '');
      }
    });
  });
})();
`;

const assetCache = new Map<string, Buffer>();

async function asset(name: string): Promise<Buffer | undefined> {
  if (!API_DOCS_ASSETS.includes(name)) return undefined;
  if (name === 'swagger-initializer.js') return Buffer.from(INITIALIZER);
  let body = assetCache.get(name);
  if (!body) {
    body = await readFile(path.join(SWAGGER_UI_DIR, name)).catch(() => undefined);
    if (body) assetCache.set(name, body);
  }
  return body;
}

export function openApiRoutes(): Router {
  const router = apiRouter();
  router.get('/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = openApiDocument();
  });
  router.get('/api-docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page(prefixOf(ctx));
  });
  router.get('/api-docs/:asset', async (ctx, next) => {
    const name = ctx.params.asset;
    const body = await asset(name);
    if (!body) return next();
    ctx.type = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = body;
  });
  return router;
}
