import { createNexusClient, localStorageTokenStore, type NexusClient } from '@nexus/client-sdk';

type SessionListener = () => void;
const sessionListeners = new Set<SessionListener>();

/** Called when the SDK ends the session (logout, or a refresh the server refused): the app goes back to sign-in. */
export function onSessionEnd(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * The one client of the dashboard. Tokens live in localStorage (a reload keeps the admin signed in, tabs share it)
 * and the SDK refreshes them on its own, one tab at a time; the dashboard never handles a token.
 */
export const nexus: NexusClient = createNexusClient({
  baseUrl: window.location.origin,
  tokenStore: localStorageTokenStore('nexus.admin.tokens'),
  onSessionEnd: () => sessionListeners.forEach((listener) => listener()),
});
