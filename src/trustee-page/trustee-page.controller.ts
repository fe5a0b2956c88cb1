import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ASSETS_DIR as BOOTH_ASSETS_DIR, loadPageTemplate, PageValues } from 'src/booth-page/page-assets';
import { ElectionsService } from 'src/elections/elections.service';
import { Asset } from 'src/intake-page/page-assets';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { pageLanguage } from 'src/intake-page/page-language';
import { commonError, DomainError } from 'src/platform/errors/domain-error';
import { Public } from 'src/platform/http/access.decorators';
import { loadTrusteeAssets, TRUSTEE_ASSETS_DIR } from 'src/trustee-page/trustee-page-assets';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The trustee page (docs/TRUSTEES.md). Public: it holds only the election's title; the key is
 * made and used in the browser, and the calls it makes (trustee list, upload) check the staff
 * session themselves. Unlike the voter pages it exists while the election is a draft, since
 * trustees make their keys before it opens.
 */
@ApiExcludeController()
@Controller('trustee')
export class TrusteePageController {
  private readonly assets: Map<string, Asset> = loadTrusteeAssets();
  private readonly page = loadPageTemplate('trustee', TRUSTEE_ASSETS_DIR);
  private readonly missing = loadPageTemplate('missing', BOOTH_ASSETS_DIR);

  constructor(private readonly elections: ElectionsService) {}

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw commonError('not_found', 'No such file.');
    setPageHeaders(res, asset.contentType);
    res.send(asset.body);
  }

  @Get(':electionId')
  @Public()
  async show(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Res() res: Response): Promise<void> {
    const values = await this.values(id, pageLanguage(lang, al));
    setPageHeaders(res, 'text/html; charset=utf-8');
    res.vary('Accept-Language');
    if (!values.electionId) res.status(404);
    res.send(values.electionId ? this.page(values) : this.missing(values));
  }

  private async values(id: string, lang: PageValues['lang']): Promise<PageValues> {
    const none: PageValues = { lang, electionId: '', title: '', secondFactor: '', timeZone: 'UTC' };
    if (!UUID.test(id)) return none;
    const e = await this.elections.get(id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'election_not_found') return null;
      throw err;
    });
    if (!e) return none;
    return { lang, electionId: e.id, title: e.title, secondFactor: '', timeZone: e.timeline?.timeZone ?? 'UTC' };
  }
}
