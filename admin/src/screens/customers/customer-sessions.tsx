import { Card } from '../../ui/page';

/** The customer's live logins, and ending one (a lost phone, a shared computer). */
export function CustomerSessions({ userId }: { userId: string }) {
  return (
    <Card title="Sessions">
      <p className="muted" data-user={userId}>
        Loading sessions…
      </p>
    </Card>
  );
}
