import { useEffect, useRef, type ReactNode } from 'react';
import type { MailMessage } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { Card } from '../../ui/page';
import { MailStatusBadge } from './mail-status';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <span>{children}</span>
    </div>
  );
}

/**
 * One e-mail: its envelope, its text body, and its HTML rendered in a sandboxed frame (no scripts, no same origin),
 * never in the dashboard's own page.
 */
export function MailMessageView({ message, onClose }: { message: MailMessage; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [message.id]);
  return (
    <section className="card stack" aria-labelledby="mail-message-title">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="mail-message-title" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
          {message.subject}
        </h2>
        <button type="button" className="btn small" onClick={onClose}>
          Close message
        </button>
      </div>
      <div className="grid-4">
        <Detail label="To">{message.to}</Detail>
        <Detail label="Status">
          <MailStatusBadge status={message.status} />
        </Detail>
        <Detail label="Written">{formatDateTime(message.created_at)}</Detail>
        <Detail label="Sent">{formatDateTime(message.sent_at)}</Detail>
        <Detail label="Attempts">{message.attempts}</Detail>
      </div>
      {message.last_error ? (
        <div className="alert error">
          <strong>Last error:</strong> <span className="mono">{message.last_error}</span>
        </div>
      ) : null}
      <div className="grid-2">
        <Card title="Text">
          <pre className="body">{message.text}</pre>
        </Card>
        <Card title="HTML">
          <iframe
            sandbox=""
            srcDoc={message.html}
            title={`HTML version of “${message.subject}”`}
            style={{ width: '100%', height: 320, border: '1px solid var(--line)', borderRadius: 6, background: '#fff' }}
          />
        </Card>
      </div>
    </section>
  );
}
