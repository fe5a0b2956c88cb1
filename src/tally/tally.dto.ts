import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Min } from 'class-validator';

export class SubmitPartialDecryptionDto {
  @ApiProperty({ description: "Belenios' 1-based owner index in the flattened trustee list" })
  @IsInt()
  @Min(1)
  owner!: number;

  @ApiProperty({ description: 'Belenios partial_decryption {"decryption_factors","decryption_proofs"}, as an object or its JSON text' })
  @IsDefined()
  partialDecryption!: unknown;
}
