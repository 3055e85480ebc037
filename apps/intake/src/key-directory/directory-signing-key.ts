import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { ConfigurationError, loadConfig, serviceEnv } from '@app/config';
import {
  type DirectoryLogPosition,
  type KeyPair,
  type SignedDirectoryHead,
  directoryKeyFromSeed,
  fromBase64Url,
  signDirectoryHead,
} from '@app/crypto';

const SEED_BYTES = 32;

const directoryKeyEnv = {
  NODE_ENV: serviceEnv.NODE_ENV,
  /**
   * The 32-byte Ed25519 seed (base64url) the directory signs its log heads
   * with. Clients pin its public key, so it must survive restarts and
   * redeployments: a new one makes every staff CLI refuse the directory until
   * its people confirm the change. Required in production.
   */
  KEY_DIRECTORY_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes, base64url')
    .optional(),
};

/** Signs the key directory's log heads; the private key stays in this process's memory. */
@Injectable()
export class DirectorySigningKey implements OnModuleInit {
  private readonly logger = new Logger(DirectorySigningKey.name);
  private key?: Promise<KeyPair>;

  /** At start-up, so a production service without its key refuses to start rather than to answer. */
  async onModuleInit(): Promise<void> {
    this.key ??= this.load();
    await this.key;
  }

  sign(position: DirectoryLogPosition): Promise<SignedDirectoryHead> {
    this.key ??= this.load();
    return this.key.then((key) => signDirectoryHead(position, key));
  }

  private async load(): Promise<KeyPair> {
    const env = loadConfig(directoryKeyEnv);
    if (env.KEY_DIRECTORY_SIGNING_KEY)
      return directoryKeyFromSeed(
        fromBase64Url(env.KEY_DIRECTORY_SIGNING_KEY, 'KEY_DIRECTORY_SIGNING_KEY', { length: SEED_BYTES }),
      );
    if (env.NODE_ENV === 'production')
      throw new ConfigurationError(['KEY_DIRECTORY_SIGNING_KEY: required in production']);
    const key = await directoryKeyFromSeed(new Uint8Array(randomBytes(SEED_BYTES)));
    this.logger.warn({
      msg:
        'KEY_DIRECTORY_SIGNING_KEY is not set: signing directory heads with a key made for this run; ' +
        'clients will refuse the directory after a restart',
      keyId: key.keyId,
    });
    return key;
  }
}
