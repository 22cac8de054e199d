import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';

/**
 * The CJK font of the PDF reports: Noto Sans Hans Regular (OFL), GB 2312 coverage, as one OTF file (8.4 MB) from
 * `@embedpdf/fonts-sc`. Chosen because it ships whole fonts (not web-font files split into unicode-range subsets,
 * as @fontsource/noto-sans-sc, lxgw-wenkai-*-webfont and @chinese-fonts/* do, which pdfkit cannot use as one font),
 * is well used and small compared with the alternatives that do ship whole files (node-source-han-sans-sc: 205 MB
 * unpacked; @expo-google-fonts/noto-sans-sc: 96 MB). The package is 42 MB installed (five weights; only Regular
 * is read). pdfkit embeds only the glyphs a report uses, so a report stays small.
 *
 * The file is read and parsed (fontkit, as pdfkit would) on the first report only, once per process (not at
 * startup), and the parsed font is shared by every report: pdfkit takes a fontkit font as it is, and each document
 * makes its own subset of it. Parsing it for every document instead costs 100–300 ms, and its glyph caches warm up
 * only when it is kept (300 table rows: about 1 s on a cold font, under 0.1 s on a warm one).
 */
let font: Promise<Font> | undefined;

export function reportFont(): Promise<Font> {
  if (font === undefined) {
    // The package exports only its index (dist/index.cjs); the fonts lie beside dist/.
    const path = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
    font = Promise.all([readFile(path), import('fontkit')]).then(([bytes, fontkit]) => {
      const parsed = fontkit.create(bytes);
      if (!('layout' in parsed)) throw new Error(`${path} is a font collection, not one font`);
      return parsed;
    });
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
