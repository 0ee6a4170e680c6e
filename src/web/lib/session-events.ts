export type SessionLostReason = 'expired' | 'signed_out';

type Listener = (reason: SessionLostReason) => void;

const listeners = new Set<Listener>();

/** The router listens and sends the person to the login page with a notice. */
export function onSessionLost(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function reportSessionLost(reason: SessionLostReason): void {
  for (const listener of listeners) {
    listener(reason);
  }
}
