import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { loadAssets, loadPageTemplate, PageName, PAGES, PageValues } from 'src/booth-page/page-assets';
import { ElectionsService } from 'src/elections/elections.service';
import { Asset } from 'src/intake-page/page-assets';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { pageLanguage } from 'src/intake-page/page-language';
import { commonError, DomainError } from 'src/platform/errors/domain-error';
import { Public } from 'src/platform/http/access.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The voter and public pages (docs/ONLINE.md): the booth, the postal voter's check and the
 * ballot board. Public: they hold nothing but the election's published title and settings; the
 * voter API they call checks the voter session on every request.
 */
@ApiExcludeController()
@Controller()
export class BoothPageController {
  private readonly assets: Map<string, Asset> = loadAssets();
  private readonly pages = new Map(PAGES.map((p) => [p, loadPageTemplate(p)]));

  constructor(private readonly elections: ElectionsService) {}

  @Get('vote/:electionId')
  @Public()
  vote(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Res() res: Response): Promise<void> {
    return this.show('vote', id, lang, al, res);
  }

  @Get('vote/:electionId/check')
  @Public()
  check(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Res() res: Response): Promise<void> {
    return this.show('check', id, lang, al, res);
  }

  @Get('board/:electionId')
  @Public()
  board(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Res() res: Response): Promise<void> {
    return this.show('board', id, lang, al, res);
  }

  @Get('booth/assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw commonError('not_found', 'No such file.');
    setPageHeaders(res, asset.contentType);
    res.send(asset.body);
  }

  private async show(page: PageName, id: string, lang: unknown, acceptLanguage: string | undefined, res: Response): Promise<void> {
    const values = await this.values(id, pageLanguage(lang, acceptLanguage));
    setPageHeaders(res, 'text/html; charset=utf-8');
    res.vary('Accept-Language');
    // A link from an old letter or a mistyped address gets a page saying so, not JSON.
    if (!values.electionId) res.status(404);
    res.send(this.pages.get(values.electionId ? page : 'missing')!(values));
  }

  /** What the page shows of the election; an empty id when there is none to show. */
  private async values(id: string, lang: PageValues['lang']): Promise<PageValues> {
    const none: PageValues = { lang, electionId: '', title: '', secondFactor: '', timeZone: 'UTC' };
    if (!UUID.test(id)) return none;
    // Not found is an answer; any other failure (the database down) stays an error.
    const e = await this.elections.get(id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'election_not_found') return null;
      throw err;
    });
    // A draft is not published yet: its pages do not exist for the public.
    if (!e || e.status === 'draft') return none;
    return { lang, electionId: e.id, title: e.title, secondFactor: e.secondFactor, timeZone: e.timeline?.timeZone ?? 'UTC' };
  }
}
