import type { MailMessage } from '@nexus/client-sdk';
import { Badge, type Tone } from '../../ui/feedback';

const tones: Record<MailMessage['status'], Tone> = {
  sent: 'ok',
  stored: 'info',
  pending: 'neutral',
  failed: 'warn',
  dead: 'danger',
};

/** How far an e-mail got: sent (SMTP), kept in this mailbox (no SMTP), waiting, failing, or given up on. */
export function MailStatusBadge({ status }: { status: MailMessage['status'] }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
