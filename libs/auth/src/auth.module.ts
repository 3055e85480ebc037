import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { checkAuthOptions } from './check-auth-options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PRINCIPAL_PROPERTY } from './principal';
import { RolesGuard } from './roles.guard';
import { nextStrategyName, STRATEGY_NAME, StrategyRegistration } from './strategy-registration';

@Module({})
export class AuthModule {
  /**
   * Verifies bearer tokens on every HTTP route of the application (opt out
   * with `@Public()`) and enforces `@Roles(...)`. Throws here, while the
   * application is being assembled and before it listens, when the options
   * are wrong or name what production must not trust.
   */
  static forRoot(options: AuthOptions): DynamicModule {
    const strategyName = nextStrategyName();
    return {
      module: AuthModule,
      imports: [
        PassportModule.register({ defaultStrategy: strategyName, property: PRINCIPAL_PROPERTY, session: false }),
      ],
      providers: [
        { provide: AUTH_OPTIONS, useValue: checkAuthOptions(options) },
        { provide: STRATEGY_NAME, useValue: strategyName },
        StrategyRegistration,
        // Global guards run in the order they are registered: who you are, then what you may do.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
