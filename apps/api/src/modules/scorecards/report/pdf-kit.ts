import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The CJK font of the PDF reports: Noto Sans Hans Regular (OFL), GB 2312 coverage, as one OTF file (8.4 MB) from
 * `@embedpdf/fonts-sc`. Chosen because it ships whole fonts (not web-font files split into unicode-range subsets,
 * as @fontsource/noto-sans-sc, lxgw-wenkai-*-webfont and @chinese-fonts/* do, which pdfkit cannot use as one font),
 * is well used and small compared with the alternatives that do ship whole files (node-source-han-sans-sc: 205 MB
 * unpacked; @expo-google-fonts/noto-sans-sc: 96 MB). The package is 42 MB installed (five weights; only Regular
 * is read). pdfkit embeds only the glyphs a report uses, so a report stays small.
 *
 * The file is read on the first report only, once per process (not at startup), and kept.
 */
let font: Promise<Buffer> | undefined;

export function reportFont(): Promise<Buffer> {
  if (font === undefined) {
    // The package exports only its index (dist/index.cjs); the fonts lie beside dist/.
    const path = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
    font = readFile(path);
    // A failed read is not remembered: the next report tries again.
    font.catch(() => (font = undefined));
  }
  return font;
}

type PdfKit = typeof import('pdfkit');
let pdfkit: Promise<PdfKit> | undefined;

/** pdfkit, loaded on the first report (it is large and only reports need it). CommonJS: take the default if shown. */
export function loadPdfKit(): Promise<PdfKit> {
  pdfkit ??= import('pdfkit').then((module) => (module as { default?: PdfKit }).default ?? (module as unknown as PdfKit));
  return pdfkit;
}
