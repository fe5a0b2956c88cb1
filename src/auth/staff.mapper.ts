import { StaffDto } from 'src/auth/auth.dto';
import { StaffEntity } from 'src/auth/staff.entity';

export function toStaffDto(s: StaffEntity): StaffDto {
  return {
    id: s.id,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    disabled: s.disabled,
    lastLoginAt: s.lastLoginAt ? s.lastLoginAt.toISOString() : null,
  };
}
