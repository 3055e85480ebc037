import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CASE_MANAGER_ROLES } from '@app/contracts';
import { CaseIdParam } from '@app/case-directory';
import { CorrelationId } from '@app/platform';
import { RecordConsent } from '../application/record-consent.use-case';
import { WithdrawGrant } from '../application/withdraw-grant.use-case';
import { ConsentQueries } from '../application/consent-queries';
import { GrantParam, RecordConsentDto, WithdrawalQuery } from './consent.dtos';
import { ConsentView, GrantView, RecordedConsentView } from './consent.views';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('cases/:caseId/consents')
export class ConsentsController {
  constructor(
    private readonly recordConsent: RecordConsent,
    private readonly withdrawGrant: WithdrawGrant,
    private readonly queries: ConsentQueries,
  ) {}

  @Post()
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({
    summary:
      "Store a consent version signed by the caller (the collecting organization). Version 1 returns the client's " +
      'receipt code once.',
  })
  @ApiCreatedResponse({ type: RecordedConsentView })
  @ApiConflictResponse({ description: 'The version does not follow the stored one.' })
  @ApiUnprocessableEntityResponse({
    description:
      'Signed for another case, by another organization or an unregistered key, or granting to an unknown ' +
      'organization or the owner.',
  })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: RecordConsentDto,
    @CorrelationId() correlationId: string,
  ): Promise<RecordedConsentView> {
    const recorded = await this.recordConsent.execute(principal, params.caseId, body.receipt, correlationId);
    const now = new Date();
    return {
      consentId: recorded.consentId,
      version: recorded.version,
      ...(recorded.receiptCode ? { receiptCode: recorded.receiptCode } : {}),
      grants: recorded.grants.map((grant) => GrantView.of(grant, now)),
    };
  }

  @Get()
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({ summary: "The case's consents, every signed version, and each grant's state." })
  @ApiOkResponse({ type: [ConsentView] })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  async list(@CurrentPrincipal() principal: Principal, @Param() params: CaseIdParam): Promise<ConsentView[]> {
    const { consents, grants } = await this.queries.forOwner(principal, params.caseId);
    const now = new Date();
    return consents.map((consent) => ConsentView.of(consent, grants, now));
  }

  @Delete(':consentId/grants/:granteeOrgId')
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({
    summary:
      'Withdraw a grant: its envelopes are deleted, the key versions it reached retire, and the grantee is told to ' +
      'purge.',
  })
  @ApiOkResponse({ type: GrantView })
  @ApiConflictResponse({ description: 'Already withdrawn.' })
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param() params: GrantParam,
    @Query() query: WithdrawalQuery,
    @CorrelationId() correlationId: string,
  ): Promise<GrantView> {
    const grant = await this.withdrawGrant.execute(
      principal,
      params.caseId,
      params.consentId,
      params.granteeOrgId,
      query.channel ?? 'app',
      correlationId,
    );
    return GrantView.of(grant, new Date());
  }
}
