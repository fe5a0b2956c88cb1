import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf, rolesOfAll } from 'src/admin-console/api-roles';
import { ConsolePages } from 'src/admin-console/console-pages';
import { CONSOLE_ROLES, screen } from 'src/admin-console/screens';
import type { ViewContext } from 'src/admin-console/view-context';
import { renderElectionEditor, renderSettingsFixed } from 'src/admin-console/views/election-editor';
import { toElectionDto } from 'src/elections/elections.mapper';
import { ElectionsController } from 'src/elections/elections.controller';
import { ElectionsService } from 'src/elections/elections.service';
import { settingsEditable } from 'src/elections/lifecycle';
import { Public } from 'src/platform/http/access.decorators';
import { escapeHtml as e } from 'src/results-page/html';

/** Who may open the create form: whoever POST /elections allows. */
export const CREATE_ROLES = rolesOf(ElectionsController, 'create');
// The edit form reads the election as GET /elections/:id does and saves through PATCH.
const EDIT_ROLES = rolesOfAll(screen('edit').roles, rolesOf(ElectionsController, 'get'));

export const newElectionAction = (v: ViewContext): string => `<p><a class="button" href="/admin/elections/new?lang=${v.lang}">${e(v.t.newElection)}</a></p>`;

/**
 * The election editor (docs/CONSOLE.md): one form to create a draft and to edit it. The page
 * saves by calling POST /elections or PATCH /elections/:id from the browser; nothing is written here.
 */
@ApiExcludeController()
@Controller('admin')
export class ElectionEditorController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly elections: ElectionsService,
  ) {}

  @Get('elections/new')
  @Public()
  async create(@Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const role = v.staff!.role;
    if (!CONSOLE_ROLES.includes(role) || !CREATE_ROLES.includes(role)) {
      return this.pages.refuse(v, res, role, (await this.elections.list()).map(toElectionDto));
    }
    res.send(renderElectionEditor(v, null));
  }

  @Get('elections/:id/edit')
  @Public()
  async edit(@Param('id') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, EDIT_ROLES);
    if (!x) return;
    res.send(settingsEditable(x.status) ? renderElectionEditor(v, x) : renderSettingsFixed(v, x));
  }
}
