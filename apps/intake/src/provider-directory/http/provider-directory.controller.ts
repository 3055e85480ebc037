import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@app/auth';
import { ROLES } from '@app/contracts';
import { ProviderDirectory } from '../application/provider-directory.service';
import { PROVIDER_PAGE_DEFAULT_LIMIT } from '../domain/provider-search';
import { OrgIdParam } from '../../key-directory/http/org-id.param';
import { PublishEntryDto, UnlistEntryQuery } from './dto/provider-profile.dto';
import { ProviderEntryView, ProviderPageView } from './dto/provider-entry.view';
import { SearchProvidersQuery, providerSearchOf } from './dto/search-providers.query';

@ApiTags('provider directory')
@ApiBearerAuth()
@Controller()
export class ProviderDirectoryController {
  constructor(private readonly directory: ProviderDirectory) {}

  @Put('organizations/me/directory-entry')
  @HttpCode(200)
  @Roles('org_admin')
  @ApiOperation({
    summary: "Publish or replace the caller's organization's directory entry.",
    description:
      'Everything in it is visible to every authenticated organization. Lowering the capacity below the ' +
      'referrals held keeps them; new acceptances wait until enough end.',
  })
  @ApiOkResponse({ type: ProviderEntryView })
  @ApiConflictResponse({ description: 'DIRECTORY.VERSION_CONFLICT, or DIRECTORY.KEYS_REQUIRED before keys exist.' })
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: PublishEntryDto): Promise<ProviderEntryView> {
    const { version, ...profile } = body;
    return ProviderEntryView.of(await this.directory.publish(principal.orgId, profile, version));
  }

  @Delete('organizations/me/directory-entry')
  @HttpCode(204)
  @Roles('org_admin')
  @ApiOperation({ summary: "Take the caller's organization out of the directory; accepted referrals go on." })
  @ApiNoContentResponse({ description: 'Unlisted.' })
  @ApiNotFoundResponse({ description: 'The organization has no listed entry.' })
  @ApiConflictResponse({ description: 'DIRECTORY.VERSION_CONFLICT: the entry is not at the version sent.' })
  async unlist(@CurrentPrincipal() principal: Principal, @Query() query: UnlistEntryQuery): Promise<void> {
    await this.directory.unlist(principal.orgId, query.version);
  }

  @Get('organizations/:orgId/directory-entry')
  @Roles(...ROLES)
  @ApiOperation({ summary: "An organization's directory entry, with its current public keys and fingerprints." })
  @ApiOkResponse({ type: ProviderEntryView })
  @ApiNotFoundResponse({ description: 'The organization has no listed entry.' })
  async entry(@Param() params: OrgIdParam): Promise<ProviderEntryView> {
    return ProviderEntryView.of(await this.directory.entryWithKeys(params.orgId));
  }

  @Get('directory/providers')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Search the directory by service, scope of practice, region, language and open capacity.',
    description:
      'Best fit first: providers that can accept now, then those serving the region in person over ' +
      'nationwide ones, then more open capacity, then the most recently updated. Pass `nextCursor` back as ' +
      '`cursor` for the next page.',
  })
  @ApiOkResponse({ type: ProviderPageView })
  @ApiBadRequestResponse({ description: 'An unknown term, or a cursor this search did not return.' })
  async search(@Query() query: SearchProvidersQuery): Promise<ProviderPageView> {
    const page = await this.directory.search(
      providerSearchOf(query),
      query.limit ?? PROVIDER_PAGE_DEFAULT_LIMIT,
      query.cursor,
    );
    return {
      items: await Promise.all(page.items.map((listed) => ProviderEntryView.of(listed))),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
