import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { api } from '@nexus/contract';

export interface Operation {
  /** Dotted name in the contract, as the SDK spells it: `products.list`. */
  name: string;
  route: AppRoute;
}

/** Every operation of the contract, found by walking it: a new route is fuzzed from the moment it exists. */
export function contractOperations(router: AppRouter = api, prefix = ''): Operation[] {
  return Object.entries(router).flatMap(([key, value]) =>
    isAppRoute(value)
      ? [{ name: prefix + key, route: value }]
      : contractOperations(value as AppRouter, `${prefix}${key}.`),
  );
}
