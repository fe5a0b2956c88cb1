import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf } from 'src/admin-console/api-roles';
import { loadConsoleAssets } from 'src/admin-console/console-assets';
import { ConsolePages } from 'src/admin-console/console-pages';
import { CONSOLE_ROLES, mayUse, screen } from 'src/admin-console/screens';
import { CREATE_ROLES, newElectionAction } from 'src/admin-console/election-editor.controller';
import { renderElectionOverview } from 'src/admin-console/views/election-overview';
import { renderElectionsList } from 'src/admin-console/views/elections-list';
import { EVENTS_PER_PAGE, type EventFilters, renderEvents } from 'src/admin-console/views/events';
import { StaffController } from 'src/auth/staff.controller';
import { toStaffDto } from 'src/auth/staff.mapper';
import { StaffService } from 'src/auth/staff.service';
import { renderDashboard } from 'src/admin-console/views/dashboard';
import { renderTally } from 'src/admin-console/views/tally';
import { CountBatchesService } from 'src/count/count-batches.service';
import { IntakeService } from 'src/intake/intake.service';
import { ReconciliationService } from 'src/reconciliation/reconciliation.service';
import { RecordController } from 'src/record/record.controller';
import { RecordService, type RecordView } from 'src/record/record.service';
import type { ResultJson } from 'src/results-page/published-result';
import { TallyViewService } from 'src/tally/tally-view.service';
import { endOfDay, startOfDay } from 'src/admin-console/zoned-time';
import { ElectionsController } from 'src/elections/elections.controller';
import { toElectionDto, toEventDto } from 'src/elections/elections.mapper';
import { ElectionsService } from 'src/elections/elections.service';
import { settingsEditable } from 'src/elections/lifecycle';
import { EventLogService } from 'src/events/event-log.service';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { commonError, DomainError } from 'src/platform/errors/domain-error';
import { Public, type Role } from 'src/platform/http/access.decorators';

const TRANSITION_ROLES = rolesOf(ElectionsController, 'transition');
const LIST_ROLES = rolesOf(ElectionsController, 'list');
const BUILD_RECORD_ROLES = rolesOf(RecordController, 'build');
const STAFF_LIST_ROLES = rolesOf(StaffController, 'list');

/**
 * The administration console (docs/CONSOLE.md): server-rendered pages over the services behind
 * the API, each shown to the roles its API routes allow. Every change is made by the page's
 * script calling the API itself, so the console has no write path of its own.
 */
@ApiExcludeController()
@Controller('admin')
export class ConsoleController {
  private readonly assets = loadConsoleAssets();

  constructor(
    private readonly pages: ConsolePages,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
    private readonly reconciliation: ReconciliationService,
    private readonly intake: IntakeService,
    private readonly count: CountBatchesService,
    private readonly tally: TallyViewService,
    private readonly record: RecordService,
    private readonly staff: StaffService,
  ) {}

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw commonError('not_found', 'No such file.');
    setPageHeaders(res, asset.contentType);
    res.send(asset.body);
  }

  @Get()
  @Public()
  async home(@Query('lang') lang: unknown, @Query('page') page: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const role = v.staff!.role;
    const list = (await this.elections.list()).map(toElectionDto);
    if (!CONSOLE_ROLES.includes(role) || !LIST_ROLES.includes(role)) return this.pages.refuse(v, res, role, list);
    res.send(renderElectionsList(v, list, page, mayUse(role, CREATE_ROLES) ? newElectionAction(v) : ''));
  }

  @Get('elections/:id')
  @Public()
  async overview(@Param('id') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('overview').roles);
    if (!x) return;
    const { next } = await this.elections.nextSteps(id);
    const editable = settingsEditable(x.status) && mayUse(v.staff!.role, screen('edit').roles);
    res.send(renderElectionOverview(v, x, next, mayUse(v.staff!.role, TRANSITION_ROLES), editable ? screen('edit').href(x.id) : undefined));
  }

  @Get('elections/:id/dashboard')
  @Public()
  async dashboard(@Param('id') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('dashboard').roles);
    if (!x) return;
    res.send(renderDashboard(v, x, await this.reconciliation.figures(id)));
  }

  @Get('elections/:id/tally')
  @Public()
  async closeAndTally(@Param('id') id: string, @Query() q: Record<string, unknown>, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, q.lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('tally').roles);
    if (!x) return;
    const role = v.staff!.role;
    const [{ next }, pullList, count, tally, record, result] = await Promise.all([
      this.elections.nextSteps(id),
      this.intake.pullList(id),
      this.count.summary(id),
      this.tally.status(id),
      this.recordView(id),
      this.mergedResult(id, role),
    ]);
    res.send(renderTally(v, { election: x, next, mayMove: mayUse(role, TRANSITION_ROLES), pullList, count, tally, record, result, mayBuildRecord: mayUse(role, BUILD_RECORD_ROLES), pullPage: q.pullPage }));
  }

  /** The record as GET …/record answers; null before the first build (that route's 404). */
  private async recordView(id: string): Promise<RecordView | null> {
    try {
      return await this.record.view(id);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'record_not_built') return null;
      throw err;
    }
  }

  /** result.json as GET /elections/:id/result gives it to this role; null until it is computed. */
  private async mergedResult(id: string, role: Role): Promise<ResultJson | null> {
    try {
      return JSON.parse(await this.tally.result(id, () => Promise.resolve(role))) as ResultJson;
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'result_not_ready' || err.kind === 'forbidden')) return null;
      throw err;
    }
  }

  @Get('elections/:id/events')
  @Public()
  async auditLog(@Param('id') id: string, @Query() q: Record<string, unknown>, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, q.lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('events').roles);
    if (!x) return;
    const f = eventFilters(q);
    const tz = x.timeline.timeZone;
    const after = typeof q.after === 'string' && /^\d{1,15}$/.test(q.after) ? Number(q.after) : undefined;
    const rows = await this.events.list({
      electionId: id,
      stream: f.invalid.includes('stream') ? undefined : f.stream || undefined,
      type: f.invalid.includes('type') ? undefined : f.type || undefined,
      actorId: f.invalid.includes('actor') ? undefined : f.actor || undefined,
      from: f.from && !f.invalid.includes('from') ? (startOfDay(f.from, tz) ?? undefined) : undefined,
      to: f.to && !f.invalid.includes('to') ? (endOfDay(f.to, tz) ?? undefined) : undefined,
      afterId: after,
      // One more than a page tells whether there is a next page.
      limit: EVENTS_PER_PAGE + 1,
    });
    const chains = await this.events.verifyElection(id);
    // Names for those the staff API shows them to; everyone else reads the actors' ids.
    const people = mayUse(v.staff!.role, STAFF_LIST_ROLES) ? (await this.staff.list()).map(toStaffDto) : null;
    res.send(renderEvents(v, x, rows.slice(0, EVENTS_PER_PAGE).map(toEventDto), chains, f, rows.length > EVENTS_PER_PAGE, people));
  }
}

const FILTER_LIMITS = { stream: 40, type: 80, actor: 36 } as const;

/** The audit log's filters from the query; what cannot be a filter is marked, not obeyed. */
export function eventFilters(q: Record<string, unknown>): EventFilters {
  const text = (k: string) => (typeof q[k] === 'string' ? (q[k]).trim() : '');
  const f: EventFilters = { stream: text('stream'), type: text('type'), actor: text('actor'), from: text('from'), to: text('to'), invalid: [] };
  for (const [k, max] of Object.entries(FILTER_LIMITS) as Array<[keyof typeof FILTER_LIMITS, number]>) if (f[k].length > max) f.invalid.push(k);
  for (const k of ['from', 'to'] as const) if (f[k] && !startOfDay(f[k], 'UTC')) f.invalid.push(k);
  return f;
}
