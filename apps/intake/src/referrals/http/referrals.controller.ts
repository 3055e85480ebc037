import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CASE_MANAGER_ROLES, REFERRAL_READER_ROLES, REFERRAL_RECEIVER_ROLES } from '@app/contracts';
import { CorrelationId, parseInstant } from '@app/platform';
import { CaseIdParam } from '@app/case-directory';
import { CreateReferral } from '../application/create-referral.use-case';
import { AnswerReferral } from '../application/answer-referral.use-case';
import { ReferralQueries } from '../application/referral-queries';
import { CreateReferralDto } from './dto/create-referral.dto';
import { ReferralPageView, ReferralView } from './dto/referral.view';
import {
  CompleteReferralDto,
  DeclineReferralDto,
  ListReferralsQuery,
  REFERRAL_PAGE_DEFAULT_LIMIT,
  ReferralIdParam,
} from './dto/referral-answers.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(
    private readonly create: CreateReferral,
    private readonly answer: AnswerReferral,
    private readonly queries: ReferralQueries,
  ) {}

  @Post('cases/:caseId/referrals')
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Refer a case to a partner from the directory, with the consented sections’ keys held until it accepts.',
    description:
      "The client's active consent must grant the partner every listed section for the purpose; the answer names " +
      'each grant missing. The partner sees the teaser (need, region, languages, urgency, sealed note) until it ' +
      'accepts. Publishes intake.referral.requested.v1.',
  })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiForbiddenResponse({ description: 'REFERRAL.CONSENT_MISSING: the detail says which sections are not granted.' })
  @ApiUnprocessableEntityResponse({ description: 'Partner not listed, need not routed, envelopes not the partner’s.' })
  @ApiConflictResponse({ description: 'Partner not accepting, case closed, an open referral to it, id taken.' })
  async refer(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: CreateReferralDto,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralView> {
    const { respondBy, ...request } = body;
    const deadline = respondBy === undefined ? undefined : parseInstant(respondBy);
    const referral = await this.create.execute(
      principal.orgId,
      params.caseId,
      { ...request, ...(deadline ? { respondBy: deadline } : {}) },
      correlationId,
    );
    return ReferralView.of(referral, principal.orgId);
  }

  @Get('referrals')
  @Roles(...REFERRAL_READER_ROLES)
  @ApiOperation({
    summary: 'Referrals the caller’s organization sent or received, newest first.',
    description:
      'Case managers see the sent box, attorneys the received one, administrators and legal staff both. ' +
      'Cursor pagination: pass `nextCursor` back as `cursor`.',
  })
  @ApiOkResponse({ type: ReferralPageView })
  @ApiBadRequestResponse({ description: 'An unknown term, or a cursor this list did not return.' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListReferralsQuery): Promise<ReferralPageView> {
    const page = await this.queries.list(
      principal.orgId,
      principal.roles,
      query.box,
      query.status,
      query.limit ?? REFERRAL_PAGE_DEFAULT_LIMIT,
      query.cursor,
    );
    return {
      items: page.items.map((referral) => ReferralView.of(referral, principal.orgId)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Get('referrals/:referralId')
  @Roles(...REFERRAL_READER_ROLES)
  @ApiOperation({
    summary: 'A referral the caller’s organization sent or received (the partner: teaser only until accepted).',
  })
  @ApiOkResponse({ type: ReferralView })
  @ApiNotFoundResponse({ description: 'No such referral on either side of the caller’s organization.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: ReferralIdParam): Promise<ReferralView> {
    return ReferralView.of(
      await this.queries.get(principal.orgId, principal.roles, params.referralId),
      principal.orgId,
    );
  }

  @Post('referrals/:referralId/accept')
  @HttpCode(200)
  @Roles(...REFERRAL_RECEIVER_ROLES)
  @ApiOperation({
    summary: 'Accept a referral made to the caller’s organization, within its referral capacity.',
    description:
      'Releases the held keys: the consented sections can then be read. Publishes intake.referral.accepted.v1.',
  })
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'REFERRAL.NO_CAPACITY, or REFERRAL.NOT_OPEN (withdrawn, expired, answered).' })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ReferralIdParam,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralView> {
    return ReferralView.of(
      await this.answer.accept(principal.orgId, params.referralId, correlationId),
      principal.orgId,
    );
  }

  @Post('referrals/:referralId/decline')
  @HttpCode(200)
  @Roles(...REFERRAL_RECEIVER_ROLES)
  @ApiOperation({ summary: 'Decline a referral, with a reason; its held keys are deleted.' })
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'REFERRAL.NOT_OPEN.' })
  async decline(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ReferralIdParam,
    @Body() body: DeclineReferralDto,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralView> {
    const declined = await this.answer.decline(principal.orgId, params.referralId, body.reason, correlationId);
    return ReferralView.of(declined, principal.orgId);
  }

  @Post('referrals/:referralId/complete')
  @HttpCode(200)
  @Roles(...REFERRAL_RECEIVER_ROLES)
  @ApiOperation({ summary: 'End an accepted referral with its outcome; its unit of capacity is free again.' })
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'REFERRAL.NOT_OPEN: only an accepted referral completes.' })
  async complete(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ReferralIdParam,
    @Body() body: CompleteReferralDto,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralView> {
    const completed = await this.answer.complete(principal.orgId, params.referralId, body.outcome, correlationId);
    return ReferralView.of(completed, principal.orgId);
  }

  @Post('referrals/:referralId/withdraw')
  @HttpCode(200)
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Withdraw a referral the caller’s organization sent, requested or accepted.',
    description: 'Held keys are deleted; an accepted referral’s partner loses its envelopes and those keys rotate.',
  })
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'REFERRAL.NOT_OPEN.' })
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ReferralIdParam,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralView> {
    return ReferralView.of(
      await this.answer.withdraw(principal.orgId, params.referralId, correlationId),
      principal.orgId,
    );
  }
}
