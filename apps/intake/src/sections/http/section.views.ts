import { ApiProperty } from '@nestjs/swagger';
import { CASE_SECTIONS, type CaseSection } from '@app/contracts';
import { type KeyEnvelope, type SectionRecord } from '@app/crypto';

export class SectionSummaryView {
  @ApiProperty({ enum: CASE_SECTIONS }) section!: CaseSection;
  @ApiProperty() contentVersion!: number;
  @ApiProperty() keyVersion!: number;
  @ApiProperty({ required: false, type: [String], description: 'Owner only.' }) recipients?: string[];
  @ApiProperty({ required: false, description: 'Owner only: the next write must come with a new key version.' })
  rotationRequired?: boolean;
}

export class SectionWriteView {
  @ApiProperty({ enum: CASE_SECTIONS }) section!: CaseSection;
  @ApiProperty() contentVersion!: number;
  @ApiProperty() keyVersion!: number;
  @ApiProperty({ type: [String] }) recipients!: string[];
}

export class SectionHandOutView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The SectionRecord; verify its signature against the key directory before trusting it.',
  })
  record!: SectionRecord;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The caller's own KeyEnvelope." })
  envelope!: KeyEnvelope;
}

export class EnvelopesView {
  @ApiProperty() keyVersion!: number;
  @ApiProperty({ type: [String] }) recipients!: string[];
}
