interface PagerProps {
  /** 1-based page shown. */
  page: number;
  pageSize: number;
  /** Total matching items, when the list counts them. */
  count: number | null | undefined;
  hasNext: boolean;
  onPage: (page: number) => void;
}

/** Previous / next through a numbered list, with where we are in it. */
export function Pager({ page, pageSize, count, hasNext, onPage }: PagerProps) {
  const pages = count != null ? Math.max(1, Math.ceil(count / pageSize)) : null;
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="muted">
        {count != null ? `${count.toLocaleString('en')} in all · page ${page} of ${pages}` : `Page ${page}`}
      </span>
      <span className="row">
        <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <button type="button" className="btn" disabled={!hasNext} onClick={() => onPage(page + 1)}>
          Next
        </button>
      </span>
    </nav>
  );
}

interface CursorPagerProps {
  /** Cursors of the pages before this one, so Previous works without counting. */
  trail: string[];
  nextCursor: string | null | undefined;
  onMove: (cursor: string, trail: string[]) => void;
}

/**
 * Paging by keyset cursor (the catalogue at a million products): constant cost however deep. The cursors walked so
 * far travel in the URL, so back and forward still work.
 */
export function CursorPager({ trail, nextCursor, onMove }: CursorPagerProps) {
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="muted">Page {trail.length + 1}</span>
      <span className="row">
        <button
          type="button"
          className="btn"
          disabled={trail.length === 0}
          onClick={() => onMove(trail[trail.length - 2] ?? '', trail.slice(0, -1))}
        >
          Previous
        </button>
        <button
          type="button"
          className="btn"
          disabled={!nextCursor}
          onClick={() => nextCursor && onMove(nextCursor, [...trail, nextCursor])}
        >
          Next
        </button>
      </span>
    </nav>
  );
}
