import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** A list screen's filters: every value a string, '' meaning "not set". */
export type Filters<K extends string> = Record<K, string>;

/** Keys that page through a list: any other change starts from the first page again. */
const PAGING_KEYS = ['page', 'cursor', 'trail'];

/** The filters in a URL's query, each falling back to its default. Unknown parameters are ignored. */
export function readFilters<K extends string>(search: URLSearchParams, defaults: Filters<K>): Filters<K> {
  const filters = { ...defaults };
  for (const key of Object.keys(defaults) as K[]) {
    const value = search.get(key);
    if (value !== null) filters[key] = value;
  }
  return filters;
}

/**
 * The query that shows `patch` applied to `current`: defaults and empty values are left out (short, shareable
 * URLs), and changing anything but the paging resets the paging.
 */
export function writeFilters<K extends string>(
  current: Filters<K>,
  patch: Partial<Filters<K>>,
  defaults: Filters<K>,
): URLSearchParams {
  const next: Filters<K> = { ...current, ...patch };
  const filterChanged = Object.keys(patch).some(
    (key) => !PAGING_KEYS.includes(key) && patch[key as K]?.trim() !== current[key as K]?.trim(),
  );
  if (filterChanged) for (const key of PAGING_KEYS) if (key in next && !(key in patch)) next[key as K] = '';
  const search = new URLSearchParams();
  for (const key of Object.keys(defaults) as K[]) {
    const value = next[key].trim();
    if (value !== '' && value !== defaults[key]) search.set(key, value);
  }
  return search;
}

/** Only the set filters, as a query object for the SDK (empty strings dropped). */
export function queryOf<K extends string>(filters: Filters<K>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) as Partial<Record<K, string>>;
}

/**
 * A list screen's filters kept in the URL: shareable, and the back button walks back through them. Typing in a
 * search box replaces the history entry instead of pushing one per keystroke.
 */
export function useUrlFilters<K extends string>(
  defaults: Filters<K>,
): [Filters<K>, (patch: Partial<Filters<K>>, options?: { replace?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  // The defaults object is a literal at the call site: key it by content, not identity.
  const defaultsKey = JSON.stringify(defaults);
  const stableDefaults = useMemo(() => JSON.parse(defaultsKey) as Filters<K>, [defaultsKey]);
  const filters = useMemo(() => readFilters(search, stableDefaults), [search, stableDefaults]);
  // From the URL as it is when called, not as it was when this render ran: a setter called after an await (a
  // confirmation, a mutation) must not put back filters changed meanwhile.
  const update = useCallback(
    (patch: Partial<Filters<K>>, options?: { replace?: boolean }) =>
      setSearch((current) => writeFilters(readFilters(current, stableDefaults), patch, stableDefaults), {
        replace: options?.replace ?? false,
      }),
    [setSearch, stableDefaults],
  );
  return [filters, update];
}
