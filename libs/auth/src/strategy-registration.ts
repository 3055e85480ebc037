import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import passport from 'passport';
import { AUTH_OPTIONS, type CheckedAuthOptions } from './auth-options';
import { createJwtStrategy } from './jwt-strategy';

export const STRATEGY_NAME = Symbol('AUTH_STRATEGY_NAME');

let registrations = 0;

/**
 * passport keeps strategies in one process-wide registry keyed by name. Each
 * AuthModule.forRoot gets its own name, so two applications in one process
 * (an end-to-end test booting several services) cannot overwrite each
 * other's issuers or audience, and a closed application leaves nothing behind.
 */
export function nextStrategyName(): string {
  registrations += 1;
  return `refugio-jwt-${registrations}`;
}

@Injectable()
export class StrategyRegistration implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: CheckedAuthOptions,
    @Inject(STRATEGY_NAME) private readonly name: string,
  ) {}

  onModuleInit(): void {
    passport.use(this.name, createJwtStrategy(this.options));
  }

  onModuleDestroy(): void {
    passport.unuse(this.name);
  }
}
