import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CASE_MANAGER_ROLES } from '@app/contracts';
import { CorrelationId } from '@app/platform';
import { CaseIdParam } from '@app/case-directory';
import { OpenCase } from '../application/open-case/open-case.use-case';
import { UpdateRouting } from '../application/update-routing/update-routing.use-case';
import { CaseQueries } from '../application/case-queries';
import { caseNotFound } from '../application/case-errors';
import { OpenCaseDto } from './dto/open-case.dto';
import { UpdateRoutingDto } from './dto/update-routing.dto';
import { CaseView } from './dto/case.view';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCase,
    private readonly updateRouting: UpdateRouting,
    private readonly cases: CaseQueries,
  ) {}

  @Post()
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({ summary: "Open a case for the caller's organization (routing metadata only)." })
  @ApiCreatedResponse({ type: CaseView })
  async open(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OpenCaseDto,
    @CorrelationId() correlationId: string,
  ): Promise<CaseView> {
    return CaseView.of(await this.openCase.execute(principal.orgId, body.routing, correlationId));
  }

  @Get(':caseId')
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({ summary: "A case of the caller's organization." })
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() params: CaseIdParam): Promise<CaseView> {
    const found = await this.cases.find(principal.orgId, params.caseId);
    if (!found) throw caseNotFound();
    return CaseView.of(found);
  }

  @Put(':caseId/routing')
  @HttpCode(200)
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({ summary: "Replace a case's routing metadata, based on the version the caller read." })
  @ApiOkResponse({ type: CaseView })
  @ApiConflictResponse({ description: 'The case changed since that version.' })
  async route(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: UpdateRoutingDto,
  ): Promise<CaseView> {
    return CaseView.of(await this.updateRouting.execute(principal.orgId, params.caseId, body.version, body.routing));
  }
}
