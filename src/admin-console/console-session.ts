import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken } from 'src/auth/access.guard';
import { AuthService, type SignedInStaff } from 'src/auth/auth.service';

/**
 * Who is looking at a console page. Pages answer a person without a session with the sign-in
 * form, not a JSON 401, so their routes are public to the guard and ask here instead; the data
 * they show comes from the services behind the API, under the same roles (screens.ts).
 */
@Injectable()
export class ConsoleSession {
  constructor(private readonly auth: AuthService) {}

  async who(req: Request): Promise<SignedInStaff | null> {
    const token = bearerToken(req);
    if (!token) return null;
    try {
      return await this.auth.resolve(token);
    } catch {
      // Expired, revoked or unknown: the sign-in form says the same to all three.
      return null;
    }
  }
}
