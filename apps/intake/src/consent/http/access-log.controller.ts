import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@app/auth';
import { CaseIdParam } from '@app/case-directory';
import { ProtectedCaseRepository } from '../../persistence/protected-case.repository';
import { AccessLog } from '../../access-log/access-log.service';
import { AccessLogView } from '../../access-log/access-log.view';
import { caseNotFound } from '../../application/case-errors';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('cases/:caseId/access-log')
export class AccessLogController {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLog,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Who received which section's envelope, when and why: the hash chain and its verification (owner organization only).",
  })
  @ApiOkResponse({ type: AccessLogView })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: CaseIdParam): Promise<AccessLogView> {
    const current = await this.cases.load(params.caseId, { sections: 'none' });
    if (!current || current.ownerOrgId !== principal.orgId) throw caseNotFound();
    return this.accessLog.chain(params.caseId);
  }
}
