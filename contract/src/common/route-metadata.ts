/** Who may call a route: anyone, any signed-in active user, or an admin. */
export type Access = 'public' | 'user' | 'admin';

/** Metadata every route of the contract carries; the server enforces `access`, OpenAPI documents it. */
export interface RouteMetadata {
  access: Access;
}

/** Reads a route's access rule (public when unset). */
export function routeAccess(route: { metadata?: unknown }): Access {
  const meta = route.metadata as Partial<RouteMetadata> | undefined;
  return meta?.access ?? 'public';
}

/** Metadata of a route anyone may call. */
export const publicRoute = { access: 'public' } as const satisfies RouteMetadata;
/** Metadata of a route for any signed-in, active user. */
export const userRoute = { access: 'user' } as const satisfies RouteMetadata;
/** Metadata of a route for admins only. */
export const adminRoute = { access: 'admin' } as const satisfies RouteMetadata;
