import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CASE_MANAGER_ROLES } from '@app/contracts';
import { CaseIdParam } from '@app/case-directory';
import { AccessLogQueries } from '../application/access-log-queries';
import { AccessLogPageQuery, pageRequestOf } from './access-log-page.query';
import { OwnerAccessLogView } from './access-log.view';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('cases/:caseId/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogQueries) {}

  @Get()
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({
    summary:
      "Who received which section's envelope, when and why: one page of the hash chain, its head and its " +
      'verification (owner organization only).',
  })
  @ApiOkResponse({ type: OwnerAccessLogView })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Query() query: AccessLogPageQuery,
  ): Promise<OwnerAccessLogView> {
    return this.accessLog.ofOwnedCase(principal.orgId, params.caseId, pageRequestOf(query));
  }
}
