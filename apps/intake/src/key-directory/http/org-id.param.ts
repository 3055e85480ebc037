import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** An organization id as every path and body names one. */
export const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class OrgIdParam {
  @ApiProperty({ example: 'org_casa_refugio', pattern: ORG_ID.source })
  @Matches(ORG_ID, { message: 'orgId must be an organization id' })
  orgId!: string;
}

export class OrgKeyVersionParam extends OrgIdParam {
  @ApiProperty({ example: 1, type: 'integer', minimum: 1, maximum: 1_000_000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  keyVersion!: number;
}
