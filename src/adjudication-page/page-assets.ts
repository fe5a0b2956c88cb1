import { pageAssetsDir } from 'src/intake-page/page-assets';

// Served as written, like the intake page's files (package.json `build` ignores this folder).
export const PAGE_HTML = 'adjudication.html';
export const ADJUDICATION_ASSETS_DIR = pageAssetsDir(__dirname, 'adjudication-page', PAGE_HTML);
