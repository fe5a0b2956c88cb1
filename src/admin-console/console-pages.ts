import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsoleSession } from 'src/admin-console/console-session';
import { type ViewContext, viewContext } from 'src/admin-console/view-context';
import { renderNotFound, renderRefused } from 'src/admin-console/views/refused';
import { renderSignIn } from 'src/admin-console/views/sign-in';
import type { SignedInStaff } from 'src/auth/auth.service';
import type { ElectionDto } from 'src/elections/elections.dto';
import { toElectionDto } from 'src/elections/elections.mapper';
import { ElectionsService } from 'src/elections/elections.service';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { pageLanguage } from 'src/intake-page/page-language';
import { DomainError } from 'src/platform/errors/domain-error';
import type { Role } from 'src/platform/http/access.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What every console page does before its own work, shared by the screens' controllers: the
 * sign-in form for nobody, the refusal for a role the screen's API routes do not allow, 404 for
 * an election that does not exist.
 */
@Injectable()
export class ConsolePages {
  constructor(
    private readonly session: ConsoleSession,
    private readonly elections: ElectionsService,
  ) {}

  /** Headers, language and reader; null (sign-in form sent) when nobody is signed in. */
  async open(req: Request, res: Response, lang: unknown, al: string | undefined): Promise<ViewContext | null> {
    setPageHeaders(res, 'text/html; charset=utf-8');
    res.vary('Accept-Language');
    res.vary('Cookie');
    const staff: SignedInStaff | null = await this.session.who(req);
    const v = viewContext(pageLanguage(lang, al), staff, req.originalUrl);
    if (staff) return v;
    res.status(401).send(renderSignIn(v));
    return null;
  }

  /** The election if this reader may see the screen; otherwise the refusal or 404 is sent. */
  async election(v: ViewContext, res: Response, id: string, roles: readonly Role[]): Promise<ElectionDto | null> {
    const role = v.staff!.role;
    if (!roles.includes(role)) {
      this.refuse(v, res, role, UUID.test(id) ? await this.electionsTitled(id) : []);
      return null;
    }
    if (!UUID.test(id)) {
      res.status(404).send(renderNotFound(v));
      return null;
    }
    try {
      return toElectionDto(await this.elections.get(id));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not_found') {
        res.status(404).send(renderNotFound(v));
        return null;
      }
      throw err;
    }
  }

  refuse(v: ViewContext, res: Response, role: Role, elections: ReadonlyArray<{ id: string; title: string }>): void {
    res.status(403).send(renderRefused(v, role, elections));
  }

  private async electionsTitled(id: string): Promise<ElectionDto[]> {
    return (await this.elections.list()).filter((x) => x.id === id).map(toElectionDto);
  }
}
