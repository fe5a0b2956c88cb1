export { PackRenderer, type BatchResult, type ElectionPrintInfo, type PackPageRange, type PackPrintInput, type RenderOptions } from 'src/packs/render/pack-renderer';
export { type BallotGeometry } from 'src/packs/render/ballot-paper';
export { loadTemplate, TemplateError, TEMPLATES_DIR, type PackTemplate } from 'src/packs/render/template';
export { PackInputError } from 'src/packs/render/pack-inputs';
