export type SessionLostReason = 'expired' | 'signed_out';
export type LoginNotice = SessionLostReason | 'logged_out';

type Listener = (reason: SessionLostReason) => void;

const listeners = new Set<Listener>();
let pendingNotice: LoginNotice | null = null;

/** The router listens and sends the person to the login page. */
export function onSessionLost(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function reportSessionLost(reason: SessionLostReason): void {
  pendingNotice = reason;
  for (const listener of listeners) {
    listener(reason);
  }
}

/**
 * Why the person is back at the login page. Kept here rather than in the router's state: several
 * redirects (guards, the listener) race to the login page, and any of them may arrive last.
 */
export function setLoginNotice(notice: LoginNotice): void {
  pendingNotice = notice;
}

export function peekLoginNotice(): LoginNotice | null {
  return pendingNotice;
}

export function clearLoginNotice(): void {
  pendingNotice = null;
}
