import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Matches, MaxLength } from 'class-validator';

export class AddTrusteeDto {
  @ApiProperty({ example: 'Returning officer' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Belenios single trustee public key {"pok":…,"public_key":…}, as an object or as its JSON text' })
  @IsDefined()
  publicKey!: unknown;
}

export class TrusteeDto {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['single'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The Belenios trustee_public_key JSON' }) publicKey!: string;
  @ApiProperty() addedAt!: string;
}
