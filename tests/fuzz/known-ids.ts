import fc from 'fast-check';

/** Ids that exist, so generated requests reach deeper than 404. */
export interface KnownIds {
  ids: string[];
}

/**
 * Requests are generated before anything exists, naming existing rows by placeholder (`{known:2}`); the runner
 * substitutes the real ids when it sends. The same seed thus always yields the same requests.
 */
export const KNOWN_ID_SLOTS = 4;
export const knownIdPlaceholder = (slot: number) => `{known:${slot}}`;
export const knownId = fc.nat({ max: KNOWN_ID_SLOTS - 1 }).map((slot) => knownIdPlaceholder(slot));

export const resolveKnownIds = (path: string, known: KnownIds) =>
  path.replace(/\{known:(\d+)\}/g, (_match, slot: string) => known.ids[Number(slot) % known.ids.length]!);
