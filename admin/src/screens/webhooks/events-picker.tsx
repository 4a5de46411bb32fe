import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { EVENT_TYPES, type EventType } from '@nexus/contract';

/** The picker's error in words: zod's "Array must contain at least 1 element(s)" says little to a person. */
export function eventsErrorOf(
  error: { type?: string | number; message?: string; root?: { message?: string } } | undefined,
): string | undefined {
  if (!error) return undefined;
  if (error.type === 'too_small') return 'Choose at least one event.';
  return error.message ?? error.root?.message;
}

interface EventsPickerProps {
  /** `register('events')`: the checked boxes become the array of event types. */
  registration: UseFormRegisterReturn<'events'>;
  onSetAll: (events: EventType[]) => void;
  error: string | undefined;
}

/** The events a webhook is told about, one checkbox each, grouped by what they are about. */
export function EventsPicker({ registration, onSetAll, error }: EventsPickerProps) {
  const id = useId();
  return (
    <fieldset
      aria-describedby={error ? `${id}-error` : undefined}
      style={{ border: '1px solid var(--line)', borderRadius: 'var(--radius)', margin: 0, padding: 'var(--space-3)' }}
    >
      <legend style={{ fontWeight: 600, fontSize: 'var(--text-sm)', padding: '0 var(--space-1)' }}>Events</legend>
      <div className="row" style={{ marginBottom: 'var(--space-2)' }}>
        <button type="button" className="btn small" onClick={() => onSetAll([...EVENT_TYPES])}>
          Select all events
        </button>
        <button type="button" className="btn small" onClick={() => onSetAll([])}>
          Clear all events
        </button>
      </div>
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: 'var(--space-1)' }}
      >
        {EVENT_TYPES.map((type) => (
          <label key={type} className="row" style={{ gap: 'var(--space-2)', flexWrap: 'nowrap' }}>
            <input type="checkbox" value={type} {...registration} />
            <span className="mono">{type}</span>
          </label>
        ))}
      </div>
      {error ? (
        <span
          className="error"
          id={`${id}-error`}
          role="alert"
          style={{ color: 'var(--danger)', fontSize: 'var(--text-sm)' }}
        >
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
