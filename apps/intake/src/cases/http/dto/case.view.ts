import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_CLOSING_REASONS, CASE_STATUSES, type CaseClosingReason, type CaseStatus } from '@app/contracts';
import { RoutingDto } from './routing.dto';
import { type Case } from '../../domain/case';

export class CaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty() ownerOrgId!: string;
  @ApiProperty({ type: RoutingDto }) routing!: RoutingDto;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'While the case is closed.' }) closedAt?: string;
  @ApiPropertyOptional({ enum: CASE_CLOSING_REASONS, description: 'While the case is closed.' })
  closingReason?: CaseClosingReason;

  static of(found: Case): CaseView {
    return {
      caseId: found.caseId,
      ownerOrgId: found.ownerOrgId,
      routing: found.routing,
      status: found.status,
      version: found.version,
      openedAt: found.openedAt.toISOString(),
      updatedAt: found.updatedAt.toISOString(),
      ...(found.closure ? { closedAt: found.closure.closedAt.toISOString(), closingReason: found.closure.reason } : {}),
    };
  }
}

export class CasePageView {
  @ApiProperty({ type: [CaseView] }) items!: CaseView[];
  @ApiPropertyOptional({ description: 'Send back as `cursor` for the next page; absent on the last page.' })
  nextCursor?: string;
}
