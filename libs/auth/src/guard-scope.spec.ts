import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';
import { Roles } from './roles.decorator';

class KafkaHandlers {
  @Roles('org_admin')
  onEvent(): void {}
}

function contextOfType(type: string): ExecutionContext {
  return {
    getType: () => type,
    getHandler: () => KafkaHandlers.prototype.onEvent,
    getClass: () => KafkaHandlers,
    switchToHttp: () => {
      throw new Error('a non-HTTP context must not be read as HTTP');
    },
  } as unknown as ExecutionContext;
}

describe('global guards outside HTTP', () => {
  const authentication = new JwtAuthGuard(new Reflector(), { defaultStrategy: 'unused' });
  const roles = new RolesGuard(new Reflector());

  // Hybrid apps connect Kafka with inheritAppConfig, so global guards wrap message handlers too.
  it('let Kafka (rpc) handlers through: messages carry no bearer token', async () => {
    await expect(Promise.resolve(authentication.canActivate(contextOfType('rpc')))).resolves.toBe(true);
    expect(roles.canActivate(contextOfType('rpc'))).toBe(true);
  });

  it.each(['ws', 'graphql'])('refuse %s until someone decides how it authenticates', async (type) => {
    await expect(Promise.resolve(authentication.canActivate(contextOfType(type)))).resolves.toBe(false);
    expect(roles.canActivate(contextOfType(type))).toBe(false);
  });
});
