import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { ROLES } from '@app/contracts';
import { CaseIdParam } from '@app/case-directory';
import { WriteSection } from '../application/write-section.use-case';
import { AddEnvelopes } from '../application/add-envelopes.use-case';
import { ReadSection } from '../application/read-section.use-case';
import { AddEnvelopesDto, PurposeQuery, SectionParam, WriteSectionDto } from './section.params';
import { EnvelopesView, SectionHandOutView, SectionSummaryView, SectionWriteView } from './section.views';

@ApiTags('encrypted sections')
@ApiBearerAuth()
@Controller('cases/:caseId/sections')
export class SectionsController {
  constructor(
    private readonly write: WriteSection,
    private readonly addEnvelopes: AddEnvelopes,
    private readonly read: ReadSection,
  ) {}

  // Every role may read for some purpose; which purpose is checked against ROLE_PURPOSES.
  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The sections the caller may read for a purpose (all of them, with recipients, for the owner).',
  })
  @ApiOkResponse({ type: [SectionSummaryView] })
  @ApiNotFoundResponse({ description: 'No such case, or no active grant on it for that purpose.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParam,
    @Query() query: PurposeQuery,
  ): Promise<SectionSummaryView[]> {
    return this.read.list(principal, params.caseId, query.purpose);
  }

  @Get(':section')
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      "A section and the caller's own envelope, if the caller owns the case or holds an active grant for that " +
      'section and purpose. Logged.',
  })
  @ApiOkResponse({ type: SectionHandOutView })
  @ApiNotFoundResponse({ description: 'No such case or section, or nothing the caller may have.' })
  @ApiServiceUnavailableResponse({
    description: 'Too many concurrent reads of this case to log this one (ACCESS_LOG.CONTENDED); retry.',
  })
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SectionParam,
    @Query() query: PurposeQuery,
  ): Promise<SectionHandOutView> {
    return this.read.one(principal, params.caseId, params.section, query.purpose);
  }

  @Put(':section')
  @HttpCode(200)
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({
    summary: 'Store the next content version of a section, encrypted and signed by the owner organization.',
  })
  @ApiOkResponse({ type: SectionWriteView })
  @ApiConflictResponse({ description: 'Stale or replayed content version, or a retired key version (rotate).' })
  @ApiUnprocessableEntityResponse({
    description:
      'Well-formed but not acceptable: bound to another case or section, signed by another organization or an ' +
      'unregistered key, or envelopes that do not fit the grants.',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SectionParam,
    @Body() body: WriteSectionDto,
  ): Promise<SectionWriteView> {
    return this.write.execute(principal, params.caseId, params.section, body);
  }

  @Post(':section/envelopes')
  @HttpCode(200)
  @Roles('intake_worker', 'org_admin')
  @ApiOperation({ summary: 'Add envelopes for organizations granted this section since it was written.' })
  @ApiOkResponse({ type: EnvelopesView })
  @ApiConflictResponse({ description: 'The section changed meanwhile (SECTION.CONCURRENT_CHANGE); retry.' })
  @ApiUnprocessableEntityResponse({
    description: 'Envelopes for another key version, or sealed to a key the recipient has not registered.',
  })
  async envelopes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SectionParam,
    @Body() body: AddEnvelopesDto,
  ): Promise<EnvelopesView> {
    return this.addEnvelopes.execute(principal, params.caseId, params.section, body.envelopes);
  }
}
