import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsArray, IsObject } from 'class-validator';
import { CASE_SECTIONS, type CaseSection, PURPOSES, type Purpose } from '@app/contracts';
import { CaseIdParam } from '@app/case-directory';

export class SectionParam extends CaseIdParam {
  @ApiProperty({ enum: CASE_SECTIONS })
  @IsIn(CASE_SECTIONS)
  section!: CaseSection;
}

export class PurposeQuery {
  @ApiProperty({
    enum: PURPOSES,
    description: 'Why the caller reads: it must match a purpose of its grant, and it is written to the access log.',
  })
  @IsIn(PURPOSES)
  purpose!: Purpose;
}

export class WriteSectionDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'SectionRecord made by the SDK (sealSection, updateSection or rotateSection).',
  })
  @IsObject()
  record!: Record<string, unknown>;

  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'object' },
    description: "KeyEnvelopes: required with a new key version (the owner's included), absent for a content update.",
  })
  @IsOptional()
  @IsArray()
  envelopes?: unknown[];
}

export class AddEnvelopesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'KeyEnvelopes for granted organizations at the current key version (SDK rewrapForGrantee).',
  })
  @IsArray()
  envelopes!: unknown[];
}
