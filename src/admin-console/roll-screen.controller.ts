import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf, rolesOfAll } from 'src/admin-console/api-roles';
import { ConsolePages, UUID } from 'src/admin-console/console-pages';
import { mayUse, screen } from 'src/admin-console/screens';
import type { ViewContext } from 'src/admin-console/view-context';
import { pageNumber } from 'src/admin-console/views/parts';
import { MEMBERS_PER_PAGE, type MemberSearchForm, type RollPage, renderRoll, SEARCH_LIMITS } from 'src/admin-console/views/roll';
import { type MemberCardOptions } from 'src/admin-console/views/roll-member';
import { ISSUES_PER_PAGE, renderRollReport } from 'src/admin-console/views/roll-report';
import type { ElectionDto } from 'src/elections/elections.dto';
import { APP_CONFIG, type AppConfig } from 'src/platform/config/app-config';
import { DomainError } from 'src/platform/errors/domain-error';
import { Public } from 'src/platform/http/access.decorators';
import { RollController } from 'src/roll/roll.controller';
import type { MemberPageDto } from 'src/roll/roll.dto';
import { toImportDto, toIssueDto, toMemberDto, toSummaryDto } from 'src/roll/roll.mapper';
import { RollImportService } from 'src/roll/roll-import.service';
import { AMENDABLE, RollService } from 'src/roll/roll.service';

// Each part of the screen is shown to the roles of the API route it reads or calls.
const IMPORTS_ROLES = rolesOf(RollController, 'listImports');
const UPLOAD_ROLES = rolesOf(RollController, 'upload');
const SEARCH_ROLES = rolesOf(RollController, 'search');
const AMEND_ROLES = rolesOf(RollController, 'amend');
const REPORT_ROLES = rolesOfAll(rolesOf(RollController, 'getImport'), rolesOf(RollController, 'issues'));
const DECIDE_ROLES = rolesOfAll(rolesOf(RollController, 'commit'), rolesOf(RollController, 'discard'));

/**
 * The roll screen (docs/CONSOLE.md, "Member roll"): the summary, the upload and its validation
 * report, member search and amendments. Reads go through the services and mappers of the roll
 * API; the upload, commit, discard and amendments are the page calling that API.
 */
@ApiExcludeController()
@Controller('admin/elections/:id/roll')
export class RollScreenController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly roll: RollService,
    private readonly imports: RollImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async rollPage(@Param('id') id: string, @Query() q: Record<string, unknown>, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, q.lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('roll').roles);
    if (!x) return;
    const role = v.staff!.role;
    const summary = toSummaryDto(await this.roll.summary(id));
    const page: RollPage = {
      summary,
      pending: mayUse(role, IMPORTS_ROLES)
        ? (await this.imports.list(id)).filter((i) => i.status === 'ready').map((i) => ({ imp: toImportDto(i), stale: i.baseImportId !== summary.importId }))
        : null,
      uploadLimit: mayUse(role, UPLOAD_ROLES) ? this.config.limits.uploadBytes : null,
      members: mayUse(role, SEARCH_ROLES) ? await this.members(v, id, q) : null,
      card: amendOptions(v, x),
    };
    res.send(renderRoll(v, x, page));
  }

  @Get('imports/:importId')
  @Public()
  async report(
    @Param('id') id: string,
    @Param('importId') importId: string,
    @Query() q: Record<string, unknown>,
    @Headers('accept-language') al: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const v = await this.pages.open(req, res, q.lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, REPORT_ROLES);
    if (!x) return;
    const imp = UUID.test(importId) ? await this.imports.get(id, importId).catch(notFoundAsNull) : null;
    if (!imp) return this.pages.notFound(v, res);
    const n = pageNumber(q.page, Math.ceil(imp.issueCount / ISSUES_PER_PAGE));
    const issues = (await this.imports.issues(id, importId, (n - 1) * ISSUES_PER_PAGE, ISSUES_PER_PAGE)).map(toIssueDto);
    res.send(renderRollReport(v, x, { imp: toImportDto(imp), issues, pageNumber: n, mayDecide: mayUse(v.staff!.role, DECIDE_ROLES) }));
  }

  /** One page of the members search, as GET …/roll/members answers it; a page past the end shows the last. */
  private async members(v: ViewContext, id: string, q: Record<string, unknown>): Promise<NonNullable<RollPage['members']>> {
    const form = searchForm(q);
    const terms = {
      memberNumber: form.invalid.includes('memberNumber') ? undefined : form.memberNumber || undefined,
      name: form.invalid.includes('name') ? undefined : form.name || undefined,
      postcode: form.invalid.includes('postcode') ? undefined : form.postcode || undefined,
    };
    const search = async (n: number): Promise<MemberPageDto> => {
      const offset = (n - 1) * MEMBERS_PER_PAGE;
      const [items, total] = await this.roll.search(id, { ...terms, offset, limit: MEMBERS_PER_PAGE });
      return { items: items.map(toMemberDto), total, offset, limit: MEMBERS_PER_PAGE };
    };
    let n = pageNumber(q.page, Number.MAX_SAFE_INTEGER);
    let page = await search(n);
    const last = Math.max(1, Math.ceil(page.total / MEMBERS_PER_PAGE));
    if (n > last) page = await search((n = last));
    return { form, page, pageNumber: n };
  }
}

/** The search as typed; a field longer than the API accepts is marked and left out, not obeyed. */
export function searchForm(q: Record<string, unknown>): MemberSearchForm {
  const text = (k: string) => (typeof q[k] === 'string' ? q[k].trim() : '');
  const f: MemberSearchForm = { memberNumber: text('memberNumber'), name: text('name'), postcode: text('postcode'), invalid: [] };
  for (const [k, max] of Object.entries(SEARCH_LIMITS) as Array<[keyof typeof SEARCH_LIMITS, number]>) if (f[k].length > max) f.invalid.push(k);
  return f;
}

/** Amendments are for a frozen roll that can still change (RollService), by those the API lets amend. */
function amendOptions(v: ViewContext, x: ElectionDto): MemberCardOptions {
  if (!mayUse(v.staff!.role, AMEND_ROLES)) return { amend: false };
  if (x.status === 'draft') return { amend: false, note: v.t.amendInDraft };
  if (!AMENDABLE.has(x.status)) return { amend: false, note: v.t.rollClosed };
  return { amend: true };
}

function notFoundAsNull(err: unknown): null {
  if (err instanceof DomainError && err.kind === 'not_found') return null;
  throw err;
}
