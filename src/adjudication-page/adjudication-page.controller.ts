import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ADJUDICATION_ASSETS_DIR, PAGE_HTML } from 'src/adjudication-page/page-assets';
import { Asset, loadAssets, loadPageTemplate } from 'src/intake-page/page-assets';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { pageLanguage } from 'src/intake-page/page-language';
import { commonError } from 'src/platform/errors/domain-error';
import { Public } from 'src/platform/http/access.decorators';

/**
 * The adjudication page for count supervisors (docs/SCANNING.md). Public because it holds no
 * data: it signs in and then calls the scan API, which checks the role of every request.
 */
@ApiExcludeController()
@Controller('count/adjudication')
export class AdjudicationPageController {
  private readonly assets: Map<string, Asset> = loadAssets(ADJUDICATION_ASSETS_DIR);
  private readonly page = loadPageTemplate(ADJUDICATION_ASSETS_DIR, PAGE_HTML);

  @Get()
  @Public()
  show(@Query('lang') lang: unknown, @Headers('accept-language') acceptLanguage: string | undefined, @Res() res: Response): void {
    setPageHeaders(res, 'text/html; charset=utf-8');
    res.vary('Accept-Language');
    res.send(this.page(pageLanguage(lang, acceptLanguage)));
  }

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw commonError('not_found', 'No such file.');
    setPageHeaders(res, asset.contentType);
    res.send(asset.body);
  }
}
