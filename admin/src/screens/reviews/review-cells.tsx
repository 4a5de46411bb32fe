import { useState } from 'react';

/** A rating as stars and as "4/5", read out as "Rated 4 out of 5". */
export function Rating({ value }: { value: number }) {
  return (
    <span role="img" aria-label={`Rated ${value} out of 5`} style={{ whiteSpace: 'nowrap' }}>
      <span style={{ color: '#8a5300', letterSpacing: 1 }}>{'★'.repeat(value) + '☆'.repeat(5 - value)}</span> {value}/5
    </span>
  );
}

const SHORT = 140;

/** A review's text, cut after a line or two, with a button that shows the rest. */
export function ExpandableText({ text, label }: { text: string; label: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= SHORT) return <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
  return (
    <span>
      <span style={{ whiteSpace: 'pre-wrap' }}>{open ? text : `${text.slice(0, SHORT).trimEnd()}…`}</span>{' '}
      <button type="button" className="btn small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Show less' : 'Show more'}
        <span className="visually-hidden"> of {label}</span>
      </button>
    </span>
  );
}
