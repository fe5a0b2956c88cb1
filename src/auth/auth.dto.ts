import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from 'src/platform/http/access.decorators';
import { MIN_PASSWORD_LENGTH } from 'src/auth/password-hasher';

export class LoginDto {
  @ApiProperty({ example: 'returning.officer@example.org' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class StaffDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ nullable: true }) lastLoginAt!: string | null;
}

export class SessionDto {
  @ApiProperty({ description: 'Bearer token; also set as the hb_session cookie' }) token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() staff!: StaffDto;
}

export class CreateStaffDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(120) displayName?: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH }) @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(1024) password!: string;
}

export class UpdateStaffDto {
  @ApiProperty() @IsBoolean() disabled!: boolean;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(1024) currentPassword!: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH }) @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(1024) newPassword!: string;
}
