import type { ReactNode } from 'react';
import { EmptyState, ErrorAlert, Skeleton } from './feedback';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  width?: string;
}

interface DataTableProps<T> {
  /** Names the table for screen readers. */
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Shown when the list is empty: say why, and what to do. */
  empty: ReactNode;
  skeletonRows?: number;
}

/** A list as a table, with its loading skeleton, its error and its empty state. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rows, rowKey, loading, error, onRetry, empty, skeletonRows = 8 } = props;
  if (error && !rows) return <ErrorAlert error={error} {...(onRetry ? { onRetry } : {})} />;
  return (
    <div className="table-wrap">
      <table aria-busy={loading}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className={column.numeric ? 'num' : undefined}
                style={{ width: column.width }}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading && !rows
            ? Array.from({ length: skeletonRows }, (_, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column.header}>
                      <Skeleton width={column.numeric ? '50%' : '80%'} />
                    </td>
                  ))}
                </tr>
              ))
            : rows?.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.header} className={column.numeric ? 'num' : undefined}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      {rows && rows.length === 0 ? <EmptyState>{empty}</EmptyState> : null}
    </div>
  );
}

/** A query's loading state, error and retry, as DataTable takes them: `<DataTable {...tableStateOf(orders)} …/>`. */
export function tableStateOf(query: { isFetching: boolean; error: unknown; refetch: () => unknown }) {
  return { loading: query.isFetching, error: query.error, onRetry: () => void query.refetch() };
}
