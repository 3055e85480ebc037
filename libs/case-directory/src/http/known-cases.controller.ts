import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { ROLES } from '@app/contracts';
import { NotFoundError } from '@app/errors';
import { CASE_DIRECTORY_ERRORS } from '../case-directory-errors';
import { KnownCaseQueries, type KnownCaseView } from '../application/known-case-queries';
import { CaseIdParam } from './case-id.param';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('known-cases')
export class KnownCasesController {
  constructor(private readonly cases: KnownCaseQueries) {}

  @Get(':caseId')
  @Roles(...ROLES)
  @ApiOperation({
    summary: "This service's view of a case of the caller's organization: its owner, from intake's events.",
  })
  @ApiOkResponse({ description: 'The case as this service knows it.' })
  @ApiNotFoundResponse({
    description: "Unknown here, erased, or another organization's case: the same answer for all three.",
  })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: CaseIdParam): Promise<KnownCaseView> {
    const found = await this.cases.findForOrganization(principal.orgId, params.caseId);
    if (!found) throw new NotFoundError(CASE_DIRECTORY_ERRORS.code('CASE.NOT_FOUND'));
    return found;
  }
}
