import { useEffect, useRef } from 'react';
import type { Webhook } from '@nexus/client-sdk';
import { Badge } from '../../ui/feedback';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';

/**
 * The signing secret of a webhook just created, shown this once (the API masks it from now on), with a copy
 * button. It lives only in the screen's memory: leaving the screen forgets it.
 */
export function SecretCallout({ webhook, onDismiss }: { webhook: Webhook; onDismiss: () => void }) {
  const notify = useToast();
  const box = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(webhook.secret);
      notify('Secret copied to the clipboard');
    } catch {
      // No clipboard (permissions, an insecure origin): select it for a manual copy instead.
      input.current?.select();
      notify('Could not copy: the secret is selected, copy it with Ctrl+C', 'error');
    }
  };
  return (
    <section className="alert info stack" ref={box} tabIndex={-1} aria-labelledby="secret-title">
      <div className="row">
        <h2 id="secret-title" style={{ margin: 0 }}>
          Webhook created: copy its signing secret now
        </h2>
        <Badge tone="warn">shown once</Badge>
      </div>
      <p style={{ margin: 0 }}>
        Deliveries to <span className="mono">{webhook.url}</span> are signed with this secret. Store it in the receiving
        system now: it is not shown again, afterwards only its last characters are. A lost secret means deleting the
        webhook and creating a new one.
      </p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <div style={{ flex: 1, minWidth: 280 }}>
          <Field label="Signing secret">
            {(control) => (
              <input
                {...control}
                ref={input}
                readOnly
                value={webhook.secret}
                className="mono"
                style={{ width: '100%' }}
                onFocus={(event) => event.target.select()}
              />
            )}
          </Field>
        </div>
        <button type="button" className="btn primary" onClick={() => void copy()}>
          Copy secret
        </button>
        <button type="button" className="btn" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
