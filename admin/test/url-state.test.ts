import { describe, expect, it } from 'vitest';
import { queryOf, readFilters, writeFilters } from '../src/lib/url-state';

const defaults = { search: '', status: '', ordering: '-created_at', page: '1' };

describe('filters kept in the URL', () => {
  it('reads each filter from the query, falling back to its default, ignoring unknown parameters', () => {
    const filters = readFilters(new URLSearchParams('status=paid&page=3&utm_source=mail'), defaults);
    expect(filters).toEqual({ search: '', status: 'paid', ordering: '-created_at', page: '3' });
  });

  it('writes only what differs from the defaults, so a shared URL is short', () => {
    const search = writeFilters(readFilters(new URLSearchParams(), defaults), { status: 'shipped' }, defaults);
    expect(search.toString()).toBe('status=shipped');
  });

  it('starts from the first page again when a filter changes', () => {
    const current = readFilters(new URLSearchParams('status=paid&page=4'), defaults);
    expect(writeFilters(current, { status: 'shipped' }, defaults).toString()).toBe('status=shipped');
  });

  it('keeps the other filters when paging', () => {
    const current = readFilters(new URLSearchParams('status=paid&page=4'), defaults);
    expect(writeFilters(current, { page: '5' }, defaults).toString()).toBe('status=paid&page=5');
  });

  it('drops a filter cleared to empty or to its default, and trims what was typed', () => {
    const current = readFilters(new URLSearchParams('search=lamp&ordering=price'), defaults);
    expect(writeFilters(current, { search: '  ', ordering: '-created_at' }, defaults).toString()).toBe('');
    expect(writeFilters(current, { search: ' desk ' }, defaults).toString()).toBe('search=desk&ordering=price');
  });

  it('a round trip through the URL gives back the same filters', () => {
    const filters = { search: 'chair', status: 'paid', ordering: 'price', page: '2' };
    expect(readFilters(writeFilters(filters, {}, defaults), defaults)).toEqual(filters);
  });

  it('queryOf leaves out filters that are not set', () => {
    expect(queryOf({ search: '', status: 'paid' })).toEqual({ status: 'paid' });
  });
});

describe('a search typed with spaces around it', () => {
  it('is the search already in effect once trimmed: no new URL, the page kept', () => {
    const current = readFilters(new URLSearchParams('search=ada&page=3'), defaults);
    expect(writeFilters(current, { search: 'ada ' }, defaults).toString()).toBe('search=ada&page=3');
  });
});
