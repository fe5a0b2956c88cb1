import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf } from 'src/admin-console/api-roles';
import { ConsolePages } from 'src/admin-console/console-pages';
import { mayUse, screen } from 'src/admin-console/screens';
import type { ViewContext } from 'src/admin-console/view-context';
import { pageNumber } from 'src/admin-console/views/parts';
import { type PacksPermissions, type PacksScreen, renderPacks, type ReissueRow } from 'src/admin-console/views/packs';
import { ElectionsController } from 'src/elections/elections.controller';
import { EventLogService } from 'src/events/event-log.service';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { PackPreviewService } from 'src/packs/pack-preview.service';
import { PacksController } from 'src/packs/packs.controller';
import { PacksService } from 'src/packs/packs.service';
import { ReissueService } from 'src/packs/reissue.service';
import { TEMPLATES_DIR } from 'src/packs/render/template';
import { DomainError } from 'src/platform/errors/domain-error';
import { Public, type Role } from 'src/platform/http/access.decorators';

const ROUTES = {
  start: rolesOf(PacksController, 'generate'),
  retry: rolesOf(PacksController, 'retry'),
  manifest: rolesOf(PacksController, 'manifest'),
  batches: rolesOf(PacksController, 'batch'),
  deliveries: rolesOf(PacksController, 'deliveries'),
  undeliverable: rolesOf(PacksController, 'undeliverable'),
  reissue: rolesOf(PacksController, 'reissue'),
  // The replaced packs are read from the audit log, so they are shown to whoever may read it.
  reissues: rolesOf(ElectionsController, 'listEvents'),
  printed: rolesOf(PacksController, 'reissued'),
  preview: rolesOf(PacksController, 'preview'),
} satisfies Record<keyof PacksPermissions, readonly Role[]>;

const REISSUES_SHOWN = 50;

/** The packs screen (docs/CONSOLE.md, "Packs"): reads PacksService, the mailer and the previews as the API does. */
@ApiExcludeController()
@Controller('admin')
export class PacksScreenController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly packs: PacksService,
    private readonly mailer: PackMailerService,
    private readonly previews: PackPreviewService,
    private readonly reissueService: ReissueService,
    private readonly events: EventLogService,
  ) {}

  @Get('elections/:id/packs')
  @Public()
  async packsScreen(@Param('id') id: string, @Query() q: Record<string, unknown>, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, q.lang, al);
    if (!v) return;
    const election = await this.pages.election(v, res, id, screen('packs').roles);
    if (!election) return;
    const role = v.staff!.role;
    const may = Object.fromEntries(Object.entries(ROUTES).map(([k, roles]) => [k, mayUse(role, roles)])) as unknown as PacksPermissions;
    const status = await this.packs.status(id);
    const undeliverable = may.deliveries ? await this.mailer.list(id, 'undeliverable') : [];
    const s: PacksScreen = {
      election,
      status,
      templates: templateNames(),
      may,
      batchPage: pageNumber(q.bpage, Number.MAX_SAFE_INTEGER),
      undeliverable,
      undeliverablePage: pageNumber(q.upage, Number.MAX_SAFE_INTEGER),
      reissues: may.reissues ? await this.reissues(id) : [],
      justReissued: q.reissued === '1',
      printed: may.printed ? this.reissueService.printed(id) : [],
      preview: may.preview ? await this.preview(v, id, q) : { pages: null, member: '', page: 1, error: null },
    };
    res.send(renderPacks(v, s));
  }

  private async reissues(electionId: string): Promise<ReissueRow[]> {
    const rows = await this.events.list({ electionId, type: 'packs.reissued', limit: 10_000 });
    return rows
      .slice(-REISSUES_SHOWN)
      .reverse()
      .map((r) => ({
        memberNumber: text(r.data.memberNumber),
        voidedSerial: Number(r.data.voidedSerial),
        serial: Number(r.data.serial),
        delivery: text(r.data.delivery),
        reason: text(r.data.reason),
        at: r.occurredAt.toISOString(),
      }));
  }

  /**
   * The preview the form asks for, rendered here once so a wrong member number is said beside
   * its input instead of as a broken image; the image route then answers from the cache.
   */
  private async preview(v: ViewContext, electionId: string, q: Record<string, unknown>): Promise<PacksScreen['preview']> {
    const pages = await this.previews.pages(electionId);
    const member = typeof q.member === 'string' ? q.member.trim().slice(0, 64) : '';
    const page = pages ? pageNumber(q.ppage, pages) : 1;
    if (!pages || !member) return { pages, member, page, error: null };
    try {
      await this.previews.preview(electionId, member, page);
      return { pages, member, page, error: null };
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'not_found' || err.kind === 'invalid')) return { pages, member, page, error: err.message };
      throw err;
    }
  }
}

const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The pack templates installed (folders of templates/ with a brand). */
function templateNames(): string[] {
  return fs
    .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(TEMPLATES_DIR, d.name, 'brand.json')))
    .map((d) => d.name)
    .sort();
}
