import { type Asset, loadAssets, pageAssetsDir } from 'src/intake-page/page-assets';

// The console's style sheet and script, served as written (package.json `build` ignores assets/).
export const CONSOLE_ASSETS_DIR = pageAssetsDir(__dirname, 'admin-console', 'console.css');

export function loadConsoleAssets(): Map<string, Asset> {
  return loadAssets(CONSOLE_ASSETS_DIR);
}
