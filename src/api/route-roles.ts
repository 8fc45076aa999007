/**
 * The role each route needs, from one declaration: the OpenAPI document's `x-required-role` of the operation the
 * route implements. A route the document does not declare is admin-only (default-deny); HEAD follows GET.
 * The body media types each operation declares come from the same document (body-types.ts enforces them).
 */
import { openApiPaths, type Role } from './openapi/paths.js';

export type { Role };

const ROLES: readonly Role[] = ['public', 'viewer', 'user', 'admin'];

/** "/api/v1/datagen/:service" under prefix "/api/v1" → "/datagen/{service}" (path parameters and wildcards alike). */
export function openApiTemplate(routePath: string, prefix: string): string {
  const unprefixed = prefix && routePath.startsWith(`${prefix}/`) ? routePath.slice(prefix.length) : routePath;
  return unprefixed.replace(/[:*](\w+)/g, '{$1}');
}

interface DeclaredOperation {
  role: Role;
  /** Media types of the request body the operation declares (none: it takes no body). */
  bodyTypes: string[];
}

let declared: Map<string, DeclaredOperation> | undefined;

/** "GET /command/getAll" → its role and body types, for every operation of the document. */
function declaredOperations(): Map<string, DeclaredOperation> {
  if (declared) return declared;
  declared = new Map();
  for (const [template, item] of Object.entries(openApiPaths())) {
    for (const [method, op] of Object.entries(item as Record<string, { 'x-required-role'?: unknown; requestBody?: { content?: Record<string, unknown> } }>)) {
      const role = op?.['x-required-role'];
      if (!ROLES.includes(role as Role)) continue;
      declared.set(`${method.toUpperCase()} ${template}`, { role: role as Role, bodyTypes: Object.keys(op.requestBody?.content ?? {}) });
    }
  }
  return declared;
}

function declaredOperation(method: string, routePath: string, prefix: string): DeclaredOperation | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return declaredOperations().get(`${m} ${openApiTemplate(routePath, prefix)}`);
}

/** The role a request with `method` needs on the route registered at `routePath` (under `prefix`). */
export function requiredRole(method: string, routePath: string, prefix: string): Role {
  return declaredOperation(method, routePath, prefix)?.role ?? 'admin';
}

/** The body media types the route accepts for `method` (undeclared route: none). */
export function acceptedBodyTypes(method: string, routePath: string, prefix: string): string[] {
  return declaredOperation(method, routePath, prefix)?.bodyTypes ?? [];
}

/** The signed-in roles, each allowed what the ones before it are: admin ⊇ user ⊇ viewer. */
const RANKS: readonly Role[] = ['viewer', 'user', 'admin'];

/** Whether a user of `role` (undefined: no credentials) may call a route that needs `needed`. */
export function satisfies(role: Exclude<Role, 'public'> | undefined, needed: Role): boolean {
  if (needed === 'public') return true;
  return role !== undefined && RANKS.indexOf(role) >= RANKS.indexOf(needed);
}
