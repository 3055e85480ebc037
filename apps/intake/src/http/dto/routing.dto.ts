import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { COUNTRIES, NEEDS, URGENCIES, type Routing } from '@app/contracts';

/** Routing metadata: a closed vocabulary, so no free text can carry case content. */
export class RoutingDto implements Routing {
  @ApiProperty({ enum: COUNTRIES })
  @IsIn(COUNTRIES)
  country!: Routing['country'];

  @ApiProperty({ example: 'MX-CHP', description: 'ISO 3166-2 subdivision of MX or US' })
  @Matches(/^(MX|US)-[A-Z]{2,3}$/, { message: 'regionCode must be an ISO 3166-2 code of MX or US' })
  regionCode!: string;

  @ApiProperty({ enum: NEEDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NEEDS.length)
  @IsIn(NEEDS, { each: true })
  needs!: Routing['needs'];

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Routing['urgency'];

  @ApiProperty({ example: ['es'], description: 'ISO 639-1 codes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'each language must be an ISO 639-1 code' })
  languages!: string[];
}
