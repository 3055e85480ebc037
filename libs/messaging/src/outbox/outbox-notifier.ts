/**
 * What a use case needs of the outbox relay: a wake-up right after it wrote
 * an outbox entry, for low latency. Use cases depend on this, not on the
 * relay; the relay polls as well, so a wake-up lost before it starts costs
 * one poll interval, never an event.
 */
export interface OutboxNotifier {
  notify(): void;
}

/** DI token of the service's OutboxNotifier (provided by the platform module). */
export const OUTBOX_NOTIFIER = Symbol('OUTBOX_NOTIFIER');

/** The notifier the platform provides: it wakes whichever relays listen to it. */
export class OutboxSignal implements OutboxNotifier {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Returns the unsubscribe function. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
