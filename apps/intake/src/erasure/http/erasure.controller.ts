import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CorrelationId } from '@app/platform';
import { CaseIdParam } from '@app/case-directory';
import { EraseCase } from '../application/erase-case.use-case';
import { ErasureQueries } from '../application/erasure-queries';
import { caseNotFound } from '../../cases/application/case-errors';
import { EraseCaseDto } from './erase-case.dto';
import { ErasureView } from './erasure.view';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId/erasure')
export class ErasureController {
  constructor(
    private readonly eraseCase: EraseCase,
    private readonly erasures: ErasureQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('org_admin')
  @ApiOperation({
    summary:
      "Erase a case of the caller's organization: delete its sections and envelopes, keep a tombstone, and ask " +
      'every service to purge its copy.',
  })
  @ApiAcceptedResponse({
    type: ErasureView,
    description: 'Erased here; the other services confirm their purges asynchronously.',
  })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  @ApiConflictResponse({ description: 'CASE.ALREADY_ERASED' })
  async erase(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: EraseCaseDto,
    @CorrelationId() correlationId: string,
  ): Promise<ErasureView> {
    return ErasureView.of(
      await this.eraseCase.execute(principal.orgId, params.caseId, body.legalBasis, principal.sub, correlationId),
    );
  }

  @Get()
  @Roles('org_admin')
  @ApiOperation({
    summary:
      "The tombstone of an erased case of the caller's organization, and which services have confirmed their purge.",
  })
  @ApiOkResponse({ type: ErasureView })
  @ApiNotFoundResponse({ description: 'No such erased case in the caller’s organization.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: CaseIdParam): Promise<ErasureView> {
    const tombstone = await this.erasures.findTombstone(principal.orgId, params.caseId);
    if (!tombstone) throw caseNotFound();
    return ErasureView.of(tombstone);
  }
}
