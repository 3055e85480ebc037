import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiBadRequestResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { CASE_MANAGER_ROLES } from '@app/contracts';
import { CorrelationId } from '@app/platform';
import { CaseIdParam } from '@app/case-directory';
import { OpenCase } from '../application/open-case/open-case.use-case';
import { UpdateRouting } from '../application/update-routing/update-routing.use-case';
import { ChangeCaseStatus } from '../application/change-status/change-case-status.use-case';
import { CaseQueries } from '../application/case-queries';
import { CASE_PAGE_DEFAULT_LIMIT } from '../domain/case-list';
import { caseNotFound } from '../application/case-errors';
import { OpenCaseDto } from './dto/open-case.dto';
import { UpdateRoutingDto } from './dto/update-routing.dto';
import { CasePageView, CaseView } from './dto/case.view';
import { ListCasesQuery, caseListFilterOf } from './dto/list-cases.query';
import { CloseCaseDto, ReopenCaseDto } from './dto/close-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCase,
    private readonly updateRouting: UpdateRouting,
    private readonly changeStatus: ChangeCaseStatus,
    private readonly cases: CaseQueries,
  ) {}

  @Get()
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({
    summary: "The caller's organization's cases, newest opened first, filtered by routing, status and dates.",
    description:
      'Cursor pagination: pass `nextCursor` back as `cursor` until a page has none. Erased cases are not listed.',
  })
  @ApiOkResponse({ type: CasePageView })
  @ApiBadRequestResponse({
    description: 'An unknown filter or term, a malformed date, or a cursor this list did not return.',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListCasesQuery): Promise<CasePageView> {
    const page = await this.cases.list(
      principal.orgId,
      caseListFilterOf(query),
      query.limit ?? CASE_PAGE_DEFAULT_LIMIT,
      query.cursor,
    );
    return {
      items: page.items.map((found) => CaseView.of(found)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

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

  @Post(':caseId/close')
  @HttpCode(200)
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Close a case, with a reason from the closing vocabulary; publishes intake.case.closed.v1.',
    description: 'Sections, consent and the access log stay; routing is frozen until the case is reopened.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  @ApiConflictResponse({ description: 'CASE.ALREADY_CLOSED, or CASE.VERSION_CONFLICT when a version was sent.' })
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: CloseCaseDto,
    @CorrelationId() correlationId: string,
  ): Promise<CaseView> {
    const { orgId } = principal;
    return CaseView.of(await this.changeStatus.close(orgId, params.caseId, body.reason, correlationId, body.version));
  }

  @Post(':caseId/reopen')
  @HttpCode(200)
  @Roles(...CASE_MANAGER_ROLES)
  @ApiOperation({ summary: 'Reopen a closed case; publishes intake.case.reopened.v1.' })
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse({ description: 'No such case in the caller’s organization.' })
  @ApiConflictResponse({ description: 'CASE.NOT_CLOSED, or CASE.VERSION_CONFLICT when a version was sent.' })
  async reopen(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Body() body: ReopenCaseDto,
    @CorrelationId() correlationId: string,
  ): Promise<CaseView> {
    return CaseView.of(await this.changeStatus.reopen(principal.orgId, params.caseId, correlationId, body.version));
  }
}
