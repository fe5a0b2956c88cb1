import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { rolesOf } from 'src/admin-console/api-roles';
import { ConsolePages } from 'src/admin-console/console-pages';
import { mayUse, screen } from 'src/admin-console/screens';
import { renderTrustees } from 'src/admin-console/views/trustees';
import { Public } from 'src/platform/http/access.decorators';
import { TrusteesController } from 'src/trustees/trustees.controller';
import { toTrusteeDtos } from 'src/trustees/trustees.mapper';
import { trusteesMayChange, TrusteesService } from 'src/trustees/trustees.service';

const REGISTER_ROLES = rolesOf(TrusteesController, 'add');

/**
 * The trustees screen (docs/CONSOLE.md "Trustees"): the registered trustees as GET …/trustees
 * lists them; registering one is the page calling POST …/trustees.
 */
@ApiExcludeController()
@Controller('admin/elections/:id/trustees')
export class TrusteesScreenController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly trustees: TrusteesService,
  ) {}

  @Get()
  @Public()
  async show(@Param('id') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const v = await this.pages.open(req, res, lang, al);
    if (!v) return;
    const x = await this.pages.election(v, res, id, screen('trustees').roles);
    if (!x) return;
    res.send(renderTrustees(v, x, toTrusteeDtos(await this.trustees.list(id)), trusteesMayChange(x.status), mayUse(v.staff!.role, REGISTER_ROLES)));
  }
}
