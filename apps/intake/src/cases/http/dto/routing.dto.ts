import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { COUNTRIES, NEED_CATEGORIES, REGION_CODES, URGENCIES, type Routing } from '@app/contracts';

export const LANGUAGE = /^[a-z]{2}$/;

/**
 * Routing metadata: a closed vocabulary of coarse terms, so no free text can
 * carry case content and no term names a diagnosis or an identity. The
 * specific need (HIV care, a trans-women-only shelter) is written in the
 * encrypted `needs` section.
 */
export class RoutingDto implements Routing {
  @ApiProperty({ enum: COUNTRIES })
  @IsIn(COUNTRIES)
  country!: Routing['country'];

  @ApiProperty({ enum: REGION_CODES, example: 'MX-CHP', description: 'ISO 3166-2 subdivision of MX or US' })
  @IsIn(REGION_CODES, { message: 'regionCode must be an ISO 3166-2 subdivision code of MX or US' })
  regionCode!: Routing['regionCode'];

  @ApiProperty({
    enum: NEED_CATEGORIES,
    isArray: true,
    uniqueItems: true,
    maxItems: NEED_CATEGORIES.length,
    description: 'The kinds of help the case is routed for. Specific needs belong in the encrypted `needs` section.',
    example: ['legal', 'shelter'],
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NEED_CATEGORIES.length)
  @IsIn(NEED_CATEGORIES, { each: true })
  needCategories!: Routing['needCategories'];

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Routing['urgency'];

  @ApiProperty({
    example: ['es'],
    description: 'ISO 639-1 codes',
    type: 'array',
    items: { type: 'string', pattern: LANGUAGE.source },
    minItems: 1,
    maxItems: 10,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code' })
  languages!: string[];
}
