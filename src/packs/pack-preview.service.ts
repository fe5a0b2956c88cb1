import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { MAC_SYMBOLS, PAPER_ID_RANDOM_SYMBOLS, SERIAL_SYMBOLS, VOTING_ID_LENGTH } from 'src/packs/codes';
import { encodeInteger } from 'src/packs/codes/crockford';
import { dammCheckSymbol } from 'src/packs/codes/damm32';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { PackSetupEntity } from 'src/packs/pack.entity';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { recipientOf } from 'src/packs/print-input';
import { printInfo } from 'src/packs/print-info';
import { type PackPrintInput, PackRenderer } from 'src/packs/render/pack-renderer';
import { loadTemplate } from 'src/packs/render/template';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { commonError } from 'src/platform/errors/domain-error';
import { RollService } from 'src/roll/roll.service';

const run = promisify(execFile);

/** Close to what a screen shows of an A4 page at 100% (and a few hundred kilobytes per page). */
export const PREVIEW_DPI = 100;
const CACHED_PREVIEWS = 32;
const RASTER_TIMEOUT_MS = 20_000;

/**
 * Placeholders the same length as the codes they stand for, made of the one symbol valid in
 * every alphabet involved (Crockford base32 and base58), so the layout is exactly the printed
 * one and nobody can take them for a live code.
 */
export const PREVIEW_PLACEHOLDERS = {
  votingId: 'X'.repeat(VOTING_ID_LENGTH),
  credential: 'X'.repeat(22),
  paperBody: 'X'.repeat(PAPER_ID_RANDOM_SYMBOLS),
  mac: 'X'.repeat(MAC_SYMBOLS),
} as const;

/** The identity code with its MAC replaced: the election code and serial are on the manifest anyway. */
export function placeholderIdentityCode(electionCode: string, serial: number): string {
  const body = electionCode + encodeInteger(serial, SERIAL_SYMBOLS) + PREVIEW_PLACEHOLDERS.mac;
  return body + dammCheckSymbol(body);
}

export function placeholderPaperId(): string {
  return PREVIEW_PLACEHOLDERS.paperBody + dammCheckSymbol(PREVIEW_PLACEHOLDERS.paperBody);
}

/**
 * A member's pack as staff may see it before it is posted (issue 9): the election's layout,
 * template and language and the member's own name and address, but every code replaced by a
 * placeholder. Nothing here reads the credential seed, so a preview cannot carry a live code
 * whoever asks for it — the administrator is not the credential authority.
 */
@Injectable()
export class PackPreviewService {
  private readonly renderers = new Map<string, PackRenderer>();
  private readonly pngs = new Map<string, Buffer>();

  constructor(
    private readonly packs: PacksRepository,
    private readonly lookup: PackLookupService,
    private readonly elections: ElectionsService,
    private readonly roll: RollService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Pages of every pack of this election (letter, return slip, ballot pages); null before the print run. */
  async pages(electionId: string): Promise<number | null> {
    const setup = await this.packs.findSetup(electionId);
    return setup ? (await this.renderer(electionId, setup)).pagesPerPack : null;
  }

  /** One page of the member's current pack as a PNG. */
  async preview(electionId: string, memberNumber: string, page: number): Promise<Buffer> {
    const { pdf, key, pages } = await this.prepare(electionId, memberNumber);
    if (!Number.isSafeInteger(page) || page < 1 || page > pages) {
      throw commonError('validation_failed', `page: a pack has pages 1 to ${pages}.`, { fields: { page: [`must be 1 to ${pages}`] } });
    }
    const cached = this.pngs.get(`${key}|${page}`);
    if (cached) return cached;
    const png = await rasterise(await pdf(), page);
    if (this.pngs.size >= CACHED_PREVIEWS) this.pngs.delete(this.pngs.keys().next().value!);
    this.pngs.set(`${key}|${page}`, png);
    return png;
  }

  /** The member's whole pack as a placeholder PDF (what the images are made from). */
  async previewPdf(electionId: string, memberNumber: string): Promise<Buffer> {
    return (await this.prepare(electionId, memberNumber)).pdf();
  }

  private async prepare(electionId: string, memberNumber: string): Promise<{ pdf: () => Promise<Buffer>; key: string; pages: number }> {
    const setup = await this.packs.findSetup(electionId);
    if (!setup) throw packsError('packs_not_generated', 'The packs of this election have not been generated yet.');
    const renderer = await this.renderer(electionId, setup);
    const member = await this.roll.member(electionId, memberNumber);
    const pack = (await this.lookup.memberPacks(electionId, memberNumber)).find((p) => p.status === 'active');
    if (!pack) throw packsError('no_active_pack', 'This member has no pack.');
    const input: PackPrintInput = {
      packSerial: pack.serial,
      ...recipientOf(member),
      votingId: PREVIEW_PLACEHOLDERS.votingId,
      credential: PREVIEW_PLACEHOLDERS.credential,
      identityCode: placeholderIdentityCode(setup.electionCode, pack.serial),
      paperId: placeholderPaperId(),
    };
    // The serial is in the key: a reissued pack is a new preview.
    return { pdf: () => renderer.renderPack(input), key: `${electionId}|${setup.template}|${setup.language}|${pack.serial}`, pages: renderer.pagesPerPack };
  }

  private async renderer(electionId: string, setup: PackSetupEntity): Promise<PackRenderer> {
    const key = `${electionId}|${setup.template}|${setup.language}`;
    let r = this.renderers.get(key);
    if (!r) {
      const election = await this.elections.get(electionId);
      r = PackRenderer.create(printInfo(election, this.config.publicUrl), loadTemplate(setup.template, setup.language), { documentDate: setup.createdAt });
      if (this.renderers.size >= CACHED_PREVIEWS) this.renderers.delete(this.renderers.keys().next().value!);
      this.renderers.set(key, r);
    }
    return r;
  }
}

async function rasterise(pdf: Buffer, page: number): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hb-preview-'));
  try {
    const file = path.join(dir, 'pack.pdf');
    await fs.writeFile(file, pdf);
    await run('pdftoppm', ['-r', String(PREVIEW_DPI), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, path.join(dir, 'page')], { timeout: RASTER_TIMEOUT_MS });
    return await fs.readFile(path.join(dir, 'page.png'));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
