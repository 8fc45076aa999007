/**
 * The role each route needs, from one declaration: the OpenAPI document's `x-required-role` of the operation the
 * route implements. A route the document does not declare is admin-only (default-deny); HEAD follows GET.
 */
import { openApiPaths, type Role } from './openapi/paths.js';

export type { Role };

const ROLES: readonly Role[] = ['public', 'viewer', 'admin'];

/** "/api/v1/datagen/:service" under prefix "/api/v1" → "/datagen/{service}" (path parameters and wildcards alike). */
export function openApiTemplate(routePath: string, prefix: string): string {
  const unprefixed = prefix && routePath.startsWith(`${prefix}/`) ? routePath.slice(prefix.length) : routePath;
  return unprefixed.replace(/[:*](\w+)/g, '{$1}');
}

let declared: Map<string, Role> | undefined;

/** "GET /command/getAll" → viewer, for every operation of the document. */
function declaredRoles(): Map<string, Role> {
  if (declared) return declared;
  declared = new Map();
  for (const [template, item] of Object.entries(openApiPaths())) {
    for (const [method, op] of Object.entries(item as Record<string, { 'x-required-role'?: unknown }>)) {
      const role = op?.['x-required-role'];
      if (ROLES.includes(role as Role)) declared.set(`${method.toUpperCase()} ${template}`, role as Role);
    }
  }
  return declared;
}

/** The role a request with `method` needs on the route registered at `routePath` (under `prefix`). */
export function requiredRole(method: string, routePath: string, prefix: string): Role {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return declaredRoles().get(`${m} ${openApiTemplate(routePath, prefix)}`) ?? 'admin';
}

/** Whether a user of `role` (undefined: no credentials) may call a route that needs `needed`. */
export function satisfies(role: 'admin' | 'viewer' | undefined, needed: Role): boolean {
  if (needed === 'public') return true;
  if (needed === 'viewer') return role === 'viewer' || role === 'admin';
  return role === 'admin';
}
