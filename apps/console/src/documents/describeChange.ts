import type { DocumentChange, LocalizedText } from '../providers/dataProvider';

/** Collections whose members the diff names by id (`dimensions.execution.weight`), and whose names to look them up in. */
const COLLECTIONS: Record<string, 'dimension' | 'indicator' | 'input' | 'stage' | 'band' | null> = {
  dimensions: 'dimension',
  children: 'dimension',
  indicators: 'indicator',
  weights: 'indicator',
  inputs: 'input',
  stages: 'stage',
  bands: 'band',
  tiers: null,
  zones: null,
  hints: null,
  adjustments: null,
  fields: null,
};

type Names = Record<'dimension' | 'indicator' | 'input' | 'stage' | 'band', Map<string, LocalizedText>>;

interface Named {
  id?: unknown;
  name?: LocalizedText;
  children?: unknown;
}

/** The `{zh, en}` names a document gives its dimensions, indicators, inputs, stages and bands, by id. */
export function namesOf(content: Record<string, unknown> | undefined): Names {
  const names: Names = { dimension: new Map(), indicator: new Map(), input: new Map(), stage: new Map(), band: new Map() };
  if (!content) return names;
  const addAll = (kind: keyof Names, items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items as Named[]) {
      if (typeof item?.id === 'string' && item.name) names[kind].set(item.id, item.name);
      if (kind === 'dimension') addAll('dimension', item?.children);
    }
  };
  addAll('dimension', content.dimensions);
  addAll('indicator', content.indicators);
  addAll('stage', content.stages);
  addAll('band', content.bands);
  const inputs = content.inputs;
  if (inputs && typeof inputs === 'object') {
    for (const [id, input] of Object.entries(inputs as Record<string, Named>)) if (input?.name) names.input.set(id, input.name);
  }
  return names;
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A change in the reader's words: "Dimension Service execution › Weight: 40 → 35", or in Chinese
 * "维度 服务执行力 › 权重：40 → 35". Section and field words come from translations, member names from
 * the document's own `{zh, en}` names; anything unknown keeps the diff's own spelling.
 */
export function describeChange(
  change: DocumentChange,
  names: Names,
  translate: (key: string, options?: Record<string, unknown>) => string,
  localized: (text: LocalizedText | undefined, fallback: string) => string,
): string {
  const segments = change.path === '' ? [] : change.path.split('.');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    const next = segments[i + 1];
    if (segment in COLLECTIONS && next !== undefined) {
      const kind = COLLECTIONS[segment];
      const name = kind ? localized(names[kind].get(next), next) : segment === 'tiers' ? translate(`carescore.tiers.${next}`, { _: next }) : next;
      parts.push(`${translate(`carescore.documents.diff.sections.${segment}`, { _: segment })} ${name}`);
      i += 1;
    } else {
      parts.push(translate(`carescore.documents.diff.fields.${segment}`, { _: segment }));
    }
  }
  const where = parts.join(' › ') || translate('carescore.documents.diff.whole_document');
  const sep = translate('carescore.documents.diff.colon');
  if (change.kind === 'changed') return `${where}${sep}${show(change.before)} → ${show(change.after)}`;
  return `${translate(`carescore.documents.diff.kinds.${change.kind}`)}${sep}${where}`;
}
