import { EVENT_TYPES, type EventType } from '@nexus/contract';

/** A webhook's events in a line: all of them, or the first few and how many more. */
export function EventSummary({ events }: { events: readonly EventType[] }) {
  if (events.length === EVENT_TYPES.length) return <span>All events</span>;
  const shown = events.slice(0, 3);
  return (
    <span className="mono" title={events.join(', ')}>
      {shown.join(', ')}
      {events.length > shown.length ? <span className="muted">{` +${events.length - shown.length} more`}</span> : null}
    </span>
  );
}
