/**
 * `next` / `previous` relative URLs for page mode: the request's own path and every other parameter kept,
 * only `page` changed; null past either end.
 */
export function pageLinks(
  req: { originalUrl: string },
  { page, page_size }: { page: number; page_size: number },
  count: number,
): { next: string | null; previous: string | null } {
  const url = new URL(req.originalUrl, 'http://internal');
  const linkTo = (target: number) => {
    url.searchParams.set('page', String(target));
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(count / page_size));
  return {
    next: page < lastPage ? linkTo(page + 1) : null,
    previous: page > 1 ? linkTo(Math.min(page - 1, lastPage)) : null,
  };
}

/** Links in cursor mode: `next` continues with the new cursor (no `page`); there is no `previous`. */
export function cursorLinks(
  req: { originalUrl: string },
  nextCursor: string | null,
): { next: string | null; previous: null } {
  if (!nextCursor) return { next: null, previous: null };
  const url = new URL(req.originalUrl, 'http://internal');
  url.searchParams.delete('page');
  url.searchParams.set('cursor', nextCursor);
  return { next: `${url.pathname}?${url.searchParams.toString()}`, previous: null };
}
