import { type KeySet } from './key-set';

/** Where the key set lives between calls: memory for tests, a file for the local stack. */
export interface KeyStore {
  read(): Promise<KeySet | undefined>;
  /** Stores the first key set; resolves to whichever set won if another process got there first. */
  create(set: KeySet): Promise<KeySet>;
  replace(set: KeySet): Promise<void>;
}

export class MemoryKeyStore implements KeyStore {
  private set: KeySet | undefined;

  read(): Promise<KeySet | undefined> {
    return Promise.resolve(this.set);
  }

  create(set: KeySet): Promise<KeySet> {
    this.set ??= set;
    return Promise.resolve(this.set);
  }

  replace(set: KeySet): Promise<void> {
    this.set = set;
    return Promise.resolve();
  }
}
