import { type DynamicModule, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC, REQUIRED_ROLES, type Role } from '@app/auth';

/** One HTTP route of an application and who may call it. */
export interface RoutePolicy {
  readonly route: string;
  readonly handler: string;
  /** `public`: no token needed; otherwise the roles of which the caller needs one; `undeclared`: neither. */
  readonly access: 'public' | readonly Role[] | 'undeclared';
}

type ModuleRef = Type | DynamicModule | Promise<DynamicModule>;

/**
 * Every HTTP route reachable from a root module, with the access it declares
 * (`@Public()` or `@Roles(...)`). A route with neither would be open to any
 * authenticated caller of any organization and role, so the services' route
 * tests require none to be `undeclared`: a new route must say who it is for.
 */
export function routePolicies(root: ModuleRef): RoutePolicy[] {
  const policies: RoutePolicy[] = [];
  for (const controller of controllersOf(root)) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      // Kafka handlers (@OnEvent) have no HTTP method.
      if (method === undefined || path === undefined) continue;
      policies.push({
        route: `${RequestMethod[method]} ${routePath(base, [path].flat()[0] ?? '')}`,
        handler: `${controller.name}.${name}`,
        access: accessOf(controller, handler),
      });
    }
  }
  return policies;
}

/** `cases` + `/` → `/cases`; `cases/:caseId/sections` + `:section` → `/cases/:caseId/sections/:section`. */
function routePath(base: string, path: string): string {
  const joined = `/${base}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** The same, as `{"GET /cases/:caseId": access}`: the shape the services' route specs compare with their table. */
export function routeAccess(root: ModuleRef): Record<string, RoutePolicy['access']> {
  return Object.fromEntries(routePolicies(root).map((policy) => [policy.route, policy.access]));
}

function accessOf(controller: Type, handler: object): RoutePolicy['access'] {
  const isPublic = (Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)) as
    boolean | undefined;
  if (isPublic) return 'public';
  const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller)) as
    readonly Role[] | undefined;
  return roles ?? 'undeclared';
}

function controllersOf(root: ModuleRef): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || ref instanceof Promise || seen.has(ref)) return;
    seen.add(ref);
    const moduleClass = typeof ref === 'function' ? ref : ref.module;
    const dynamic = typeof ref === 'function' ? undefined : ref;
    const declared = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[] | undefined) ?? []),
      ...(dynamic?.controllers ?? []),
    ];
    for (const controller of declared) controllers.add(controller);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[] | undefined) ?? []),
      ...((dynamic?.imports ?? []) as ModuleRef[]),
    ];
    for (const imported of imports) visit(imported);
  };
  visit(root);
  return [...controllers];
}
