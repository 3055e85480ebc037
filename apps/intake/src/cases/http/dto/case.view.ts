import { ApiProperty } from '@nestjs/swagger';
import { RoutingDto } from './routing.dto';
import { type Case } from '../../domain/case';

export class CaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty() ownerOrgId!: string;
  @ApiProperty({ type: RoutingDto }) routing!: RoutingDto;
  @ApiProperty() version!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(found: Case): CaseView {
    return {
      caseId: found.caseId,
      ownerOrgId: found.ownerOrgId,
      routing: found.routing,
      version: found.version,
      openedAt: found.openedAt.toISOString(),
      updatedAt: found.updatedAt.toISOString(),
    };
  }
}
