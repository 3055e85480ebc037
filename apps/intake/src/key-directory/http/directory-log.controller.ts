import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ROLES } from '@app/contracts';
import { KeyDirectory } from '../key-directory.service';
import { DirectoryHeadView } from './directory-head.view';
import { DIRECTORY_LOG_PAGE_MAX, DirectoryLogQuery } from './directory-log.query';
import { DirectoryLogView } from './directory-log.view';

@ApiTags('key directory')
@ApiBearerAuth()
@Controller('key-directory')
export class DirectoryLogController {
  constructor(private readonly directory: KeyDirectory) {}

  @Get('head')
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      "The log's size and last hash, signed by the directory: clients remember the last head they verified and " +
      'compare it with the next, and with each other.',
  })
  @ApiOkResponse({ type: DirectoryHeadView })
  head(): Promise<DirectoryHeadView> {
    return this.directory.head();
  }

  @Get('log')
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      'Entries of the key directory log after `after`, in order, with the signed head: a client extends the ' +
      'position it remembers with them (the SDK’s extendDirectoryLog) until it reaches the head.',
  })
  @ApiOkResponse({ type: DirectoryLogView })
  async log(@Query() query: DirectoryLogQuery): Promise<DirectoryLogView> {
    // The head first: entries read afterwards reach at least as far, so a page never looks cut short of it.
    const head = await this.directory.head();
    const entries = await this.directory.logEntries(query.after ?? 0, query.limit ?? DIRECTORY_LOG_PAGE_MAX);
    return DirectoryLogView.of(
      entries.filter((entry) => entry.index <= head.size),
      head,
    );
  }
}
