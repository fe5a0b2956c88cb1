import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf } from 'src/admin-console/api-roles';
import { loadConsoleAssets } from 'src/admin-console/console-assets';
import { ConsolePages } from 'src/admin-console/console-pages';
import { CONSOLE_ROLES, mayUse, screen } from 'src/admin-console/screens';
import { renderElectionOverview } from 'src/admin-console/views/election-overview';
import { renderElectionsList } from 'src/admin-console/views/elections-list';
import { EVENTS_PER_PAGE, type EventFilters, renderEvents } from 'src/admin-console/views/events';
import { endOfDay, startOfDay } from 'src/admin-console/zoned-time';
import { ElectionsController } from 'src/elections/elections.controller';
import { toElectionDto, toEventDto } from 'src/elections/elections.mapper';
import { ElectionsService } from 'src/elections/elections.service';
import { EventLogService } from 'src/events/event-log.service';
import { commonError } from 'src/platform/errors/domain-error';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { Public } from 'src/platform/http/access.decorators';

const TRANSITION_ROLES = rolesOf(ElectionsController, 'transition');
const LIST_ROLES = rolesOf(ElectionsController, 'list');

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
    res.send(renderElectionsList(v, list, page, ''));
  }

  @Get('elections/:id')
  @Public()
  async overview(@Param('id') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('overview').roles);
    if (!x) return;
    const { next } = await this.elections.nextSteps(id);
    res.send(renderElectionOverview(v, x, next, mayUse(v.staff!.role, TRANSITION_ROLES)));
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
    res.send(renderEvents(v, x, rows.slice(0, EVENTS_PER_PAGE).map(toEventDto), chains, f, rows.length > EVENTS_PER_PAGE));
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
