/**
 * Who may call a route: anyone (`public`); anyone, but a bearer token when sent must be valid and then names the
 * caller (`optional`: a guest with a cart token, or a signed-in customer); any signed-in active user; an admin.
 */
export type Access = 'public' | 'optional' | 'user' | 'admin';

/**
 * Metadata every route of the contract carries; the server enforces it, OpenAPI documents it.
 * `cost: 'heavy'` marks a query whose cost grows with the data (search, filtered counts): the server runs
 * only a few at once, so they cannot take every database connection from cheap reads, and sheds the rest
 * with 503 `service_unavailable` and `Retry-After`.
 */
export interface RouteMetadata {
  access: Access;
  cost?: 'heavy';
  /**
   * `catalogue`: a public read of the catalogue, answered with an `ETag` from the catalogue version (304 for a
   * matching `If-None-Match`) and served from the response cache while nothing in the catalogue has changed.
   * Every other route is `Cache-Control: no-store`.
   */
  cache?: 'catalogue';
  /** The route honours `Idempotency-Key`; the SDK sends one (generated unless given) with every call. */
  idempotent?: true;
  /** A guest's answer may carry a new cart's token in the `X-Cart-Token` response header (the first add). */
  issuesCartToken?: true;
  /** The server keeps the body's exact bytes for the handler (a provider's webhook verifies its signature over them). */
  rawBody?: true;
}

/** A route's metadata, as ts-rest keeps it (unknown until read). */
const metadataOf = (route: { metadata?: unknown }) => (route.metadata ?? {}) as Partial<RouteMetadata>;

/** Reads a route's access rule (public when unset). */
export function routeAccess(route: { metadata?: unknown }): Access {
  return metadataOf(route).access ?? 'public';
}

/** Whether the route is marked `cost: 'heavy'`. */
export const isHeavyRoute = (route: { metadata?: unknown }) => metadataOf(route).cost === 'heavy';
/** Whether the route is a cacheable catalogue read. */
export const isCatalogueRead = (route: { metadata?: unknown }) => metadataOf(route).cache === 'catalogue';
/** Whether the route honours `Idempotency-Key`. */
export const isIdempotentRoute = (route: { metadata?: unknown }) => metadataOf(route).idempotent === true;
/** Whether the route's answer may carry a new guest cart token in `X-Cart-Token`. */
export const issuesCartToken = (route: { metadata?: unknown }) => metadataOf(route).issuesCartToken === true;
/** Whether the handler needs the body's exact bytes. */
export const needsRawBody = (route: { metadata?: unknown }) => metadataOf(route).rawBody === true;

/** Metadata of a route anyone may call. */
export const publicRoute = { access: 'public' } as const satisfies RouteMetadata;
/** Metadata of a route for guests and signed-in users alike. */
export const optionalAuthRoute = { access: 'optional' } as const satisfies RouteMetadata;
/** Metadata of a route for any signed-in, active user. */
export const userRoute = { access: 'user' } as const satisfies RouteMetadata;
/** Metadata of a route for admins only. */
export const adminRoute = { access: 'admin' } as const satisfies RouteMetadata;
