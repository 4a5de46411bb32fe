import type { ReactNode } from 'react';
import { problemMessage } from '../lib/problems';

/** A failed call, explained in the problem's own words, with a way to try again where that makes sense. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="alert error row" role="alert" style={{ justifyContent: 'space-between' }}>
      <span>{problemMessage(error)}</span>
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge ${tone === 'neutral' ? '' : tone}`}>{children}</span>;
}

/** Placeholder lines while data loads, sized like what will replace them. */
export function Skeleton({ width = '100%' }: { width?: string | number }) {
  return <span className="skeleton" style={{ width }} aria-hidden="true" />;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
