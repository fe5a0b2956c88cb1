import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class AddTrusteeDto {
  @ApiProperty({ example: 'Returning officer' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: ['single', 'pedersen'], default: 'single' })
  @IsOptional()
  @IsIn(['single', 'pedersen'])
  kind?: 'single' | 'pedersen';

  @ApiPropertyOptional({ description: 'Single: Belenios trustee public key {"pok":…,"public_key":…}, as an object or as its JSON text' })
  @ValidateIf((o: AddTrusteeDto) => o.kind !== 'pedersen')
  @IsDefined()
  publicKey?: unknown;

  @ApiPropertyOptional({ description: 'Pedersen: Belenios threshold_parameters {"threshold","certs","coefexps","signatures","verification_keys"}, as an object or its JSON text' })
  @ValidateIf((o: AddTrusteeDto) => o.kind === 'pedersen')
  @IsDefined()
  parameters?: unknown;
}

export class TrusteeDto {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['single', 'pedersen'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The Belenios trustee_public_key JSON (single) or threshold_parameters JSON (pedersen)' }) publicKey!: string;
  @ApiProperty({ description: "Belenios' 1-based partial decryption owners of this trustee (one per Pedersen member)", type: [Number] }) owners!: number[];
  @ApiProperty() addedAt!: string;
}
