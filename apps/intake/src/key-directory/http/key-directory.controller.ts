import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { ROLES } from '@app/contracts';
import { OrgIdParam, OrgKeyVersionParam } from './org-id.param';
import { KeyDirectory } from '../key-directory.service';
import { OrgKeysView } from './org-keys.view';
import { KeyHistoryView } from './directory-log.view';

@ApiTags('key directory')
@ApiBearerAuth()
@Controller('organizations')
export class KeyDirectoryController {
  constructor(private readonly directory: KeyDirectory) {}

  @Post('me/keys')
  @Roles('org_admin')
  @ApiOperation({
    summary: "Register the caller's organization's first public keys (the SDK's toPublicKeyRecord, key version 1).",
  })
  @ApiBody({
    schema: {
      type: 'object',
      description:
        'OrgPublicKeyRecord: v, alg "x25519-ed25519", orgId, keyVersion, encryptionPublicKey, encryptionKeyId, ' +
        'signingPublicKey, signingKeyId',
    },
  })
  @ApiCreatedResponse({ type: OrgKeysView })
  @ApiConflictResponse({ description: 'Keys are already registered; rotate them instead.' })
  @ApiUnprocessableEntityResponse({
    description: 'The record is well-formed but not acceptable (e.g. key ids that do not match the keys).',
  })
  async register(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<OrgKeysView> {
    return OrgKeysView.of(await this.directory.register(principal, body));
  }

  @Post('me/keys/rotations')
  @Roles('org_admin')
  @ApiOperation({
    summary: "Register the next key version, signed by the current signing key (the SDK's rotateOrgKeys statement).",
  })
  @ApiBody({
    schema: { type: 'object', description: 'KeyRotationStatement: v, alg "ed25519", record, signedByKeyId, signature' },
  })
  @ApiCreatedResponse({ type: OrgKeysView })
  @ApiNotFoundResponse({ description: 'The organization has no keys to rotate; register them first (KEYS.NOT_FOUND).' })
  @ApiConflictResponse({ description: 'The key version is not the next one (KEYS.VERSION_CONFLICT).' })
  @ApiUnprocessableEntityResponse({ description: 'The statement is not signed by the current signing key.' })
  async rotate(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<OrgKeysView> {
    return OrgKeysView.of(await this.directory.rotate(principal, body));
  }

  @Get(':orgId/keys')
  // Any organization's staff seal to or verify another's keys.
  @Roles(...ROLES)
  @ApiOperation({ summary: "An organization's current public keys and their fingerprints." })
  @ApiOkResponse({ type: OrgKeysView })
  @ApiNotFoundResponse({ description: 'The organization has no registered keys.' })
  async current(@Param() params: OrgIdParam): Promise<OrgKeysView> {
    return OrgKeysView.of(await this.directory.current(params.orgId));
  }

  @Get(':orgId/keys/history')
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      'Every key version of an organization, each the directory log entry that registered it, with the signed ' +
      "head: clients check each rotation from the version they trust (the SDK's verifyKeyHistory).",
  })
  @ApiOkResponse({ type: KeyHistoryView })
  @ApiNotFoundResponse({ description: 'The organization has no registered keys.' })
  async history(@Param() params: OrgIdParam): Promise<KeyHistoryView> {
    const head = await this.directory.head();
    const versions = await this.directory.history(params.orgId);
    return KeyHistoryView.of(
      params.orgId,
      versions.filter((entry) => entry.index <= head.size),
      head,
    );
  }

  @Get(':orgId/keys/:keyVersion')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One key version of an organization, to verify what it signed with an older key.' })
  @ApiOkResponse({ type: OrgKeysView })
  @ApiNotFoundResponse({ description: 'No such organization or key version.' })
  async version(@Param() params: OrgKeyVersionParam): Promise<OrgKeysView> {
    return OrgKeysView.of(await this.directory.version(params.orgId, params.keyVersion));
  }
}
