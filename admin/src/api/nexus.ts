import { createNexusClient, localStorageTokenStore, type NexusClient } from '@nexus/client-sdk';

type SessionListener = (ending: { deliberate: boolean }) => void;
const sessionListeners = new Set<SessionListener>();
let signingOut = false;

/**
 * Called when the SDK ends the session: the admin signing out (`deliberate`), or a refresh the server refused (the
 * session expired, was ended elsewhere, or the account was deactivated).
 */
export function onSessionEnd(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Signs out on purpose: the server revokes this login; listeners hear that it was deliberate. */
export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    await nexus.logout();
  } finally {
    // Offline, the server cannot be told; this tab forgets the tokens all the same.
    await tokenStore.set(null);
    signingOut = false;
  }
}

/**
 * The one client of the dashboard. Tokens live in localStorage (a reload keeps the admin signed in, tabs share it)
 * and the SDK refreshes them on its own, one tab at a time; the dashboard never handles a token.
 */
const tokenStore = localStorageTokenStore('nexus.admin.tokens');

export const nexus: NexusClient = createNexusClient({
  baseUrl: window.location.origin,
  tokenStore,
  onSessionEnd: () => sessionListeners.forEach((listener) => listener({ deliberate: signingOut })),
});
