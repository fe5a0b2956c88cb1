import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { setPageHeaders } from 'src/intake-page/page-headers';
import { pageLanguage, type PageLanguage } from 'src/intake-page/page-language';
import { Public } from 'src/platform/http/access.decorators';
import { PUBLISHED_RESULT_READER, type PublishedResult, type PublishedResultReader } from 'src/results-page/published-result';
import { renderMissingResultsPage, renderResultsPage } from 'src/results-page/results-page';
import { RESULTS_CSS } from 'src/results-page/results-style';
import { renderResultReport } from 'src/results-page/report/result-report';

// A published result never changes: the manifest hash names every byte of the record. Caches may
// keep the page and the report for a day and then revalidate cheaply by ETag; the ETag also
// carries the language and this format's version, so a new page layout is fetched anew.
const PUBLISHED_CACHE = 'public, max-age=86400';
const FORMAT_VERSION = 'r1';

/**
 * The public result page and the PDF report (docs/TALLY.md). Public once the election is
 * published; before that, and for an unknown id, the reader answers null and so do we: 404.
 */
@ApiExcludeController()
@Controller()
export class ResultsPageController {
  private readonly css = Buffer.from(RESULTS_CSS, 'utf8');

  constructor(@Inject(PUBLISHED_RESULT_READER) private readonly reader: PublishedResultReader) {}

  @Get('results/assets/results.css')
  @Public()
  stylesheet(@Res() res: Response): void {
    setPageHeaders(res, 'text/css; charset=utf-8');
    res.send(this.css);
  }

  @Get('results/:electionId')
  @Public()
  async page(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const language = pageLanguage(lang, al);
    const result = await this.reader.read(id);
    setPageHeaders(res, 'text/html; charset=utf-8');
    res.vary('Accept-Language');
    // A link shared too early or mistyped gets a page saying so, not JSON.
    if (!result) {
      res.status(404).send(renderMissingResultsPage(language));
      return;
    }
    if (this.fresh(result, language, 'html', req, res)) return;
    res.send(renderResultsPage(result, language));
  }

  @Get('elections/:electionId/report.pdf')
  @Public()
  async report(@Param('electionId') id: string, @Query('lang') lang: unknown, @Headers('accept-language') al: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const language = pageLanguage(lang, al);
    const result = await this.reader.read(id);
    if (!result) {
      setPageHeaders(res, 'text/html; charset=utf-8');
      res.status(404).send(renderMissingResultsPage(language));
      return;
    }
    setPageHeaders(res, 'application/pdf');
    res.vary('Accept-Language');
    res.set('Content-Disposition', `inline; filename="result-${result.electionId}.pdf"`);
    if (this.fresh(result, language, 'pdf', req, res)) return;
    res.send(await renderResultReport(result, language));
  }

  /** Sets the caching headers; true (and a 304 sent) when the client's copy is current. */
  private fresh(r: PublishedResult, lang: PageLanguage, kind: 'html' | 'pdf', req: Request, res: Response): boolean {
    // Weak: the report's footer prints when it was generated, so two copies differ in bytes
    // while saying the same thing.
    res.set({ 'Cache-Control': PUBLISHED_CACHE, ETag: `W/"${r.record.manifestSha256}-${lang}-${kind}-${FORMAT_VERSION}"` });
    if (!req.fresh) return false;
    res.status(304).end();
    return true;
  }
}
