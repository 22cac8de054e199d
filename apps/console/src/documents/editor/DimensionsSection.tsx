import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { Alert, Box, Button, Chip, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { useEditor, useFieldError } from './editorState';
import { IssuesAt, LocalizedAt, NumberAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';
import { type DocPath, fieldOf, getIn } from './paths';
import { formatSum, sumsTo100, weightLevels, weightSum } from './weights';

const MAX_DEPTH = 3;

interface DimensionLike {
  id?: string;
  name?: LocalizedText;
  weight?: unknown;
  children?: DimensionLike[];
  indicators?: Array<{ id?: string; weight?: unknown }>;
}

/** The live "sums to 100" check of one level: siblings' weights, as they are now. */
export function SumCheck({ path }: { path: DocPath }) {
  const { content } = useEditor();
  const translate = useTranslate();
  const list = getIn(content, path);
  const sum = weightSum(Array.isArray(list) ? list : []);
  const ok = sumsTo100(sum);
  return (
    <Chip
      data-testid={`sum-${fieldOf(path)}`}
      data-ok={ok ? 'true' : 'false'}
      size="small"
      color={ok ? 'success' : 'error'}
      variant={ok ? 'outlined' : 'filled'}
      icon={ok ? <CheckCircleIcon /> : <ErrorIcon />}
      label={translate(ok ? 'carescore.scheme_editor.sum_ok' : 'carescore.scheme_editor.sum_bad', { sum: formatSum(sum) })}
      sx={{ mb: 1 }}
    />
  );
}

function IndicatorRefs({ path }: { path: DocPath }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const localized = useLocalized();
  const refs = (getIn(content, path) ?? []) as Array<{ id?: string; weight?: unknown }>;
  const indicators = ((content.indicators ?? []) as Array<{ id?: string; name?: LocalizedText }>).filter((indicator) => indicator.id);
  return (
    <Box sx={{ pl: 1, borderLeft: 2, borderColor: 'divider' }}>
      <SumCheck path={path} />
      <IssuesAt path={path} />
      {refs.map((ref, index) => (
        <IndicatorRefRow key={index} path={[...path, index]} choices={indicators.map((indicator) => ({ id: indicator.id as string, name: `${localized(indicator.name, indicator.id)} (${indicator.id})` }))} onRemove={() => set(path, refs.filter((_, i) => i !== index))} />
      ))}
      <AddButton path={path} item={() => ({ id: indicators[0]?.id ?? '', weight: 0 })} label="carescore.scheme_editor.add.indicator_ref" />
      {refs.length === 0 ? <Box sx={{ typography: 'caption', color: 'text.secondary' }}>{translate('carescore.scheme_editor.help.leaf')}</Box> : null}
    </Box>
  );
}

function IndicatorRefRow({ path, choices, onRemove }: { path: DocPath; choices: Array<{ id: string; name: string }>; onRemove: () => void }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError([...path, 'id']);
  const id = getIn(content, [...path, 'id']);
  return (
    <Row>
      <Box sx={{ width: 300 }} data-testid={`field-${fieldOf([...path, 'id'])}`}>
        <TextField select fullWidth size="small" label={translate('carescore.scheme_editor.fields.indicator')} value={typeof id === 'string' ? id : ''} onChange={(event) => set([...path, 'id'], event.target.value)} error={error !== undefined} helperText={error}>
          {typeof id === 'string' && !choices.some((choice) => choice.id === id) ? <MenuItem value={id}>{id}</MenuItem> : null}
          {choices.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <NumberAt path={[...path, 'weight']} label="carescore.scheme_editor.fields.weight" optional={false} />
      <Button size="small" onClick={onRemove}>
        {translate('carescore.scheme_editor.remove')}
      </Button>
    </Row>
  );
}

function DimensionNode({ path, depth }: { path: DocPath; depth: number }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const localized = useLocalized();
  const dimension = (getIn(content, path) ?? {}) as DimensionLike;
  const hasChildren = Array.isArray(dimension.children);
  const toChildren = () => set(path, { ...dimension, indicators: undefined, children: [{ id: `${dimension.id ?? 'dimension'}_1`, weight: 100, indicators: dimension.indicators ?? [] }] });
  const toIndicators = () => set(path, { ...dimension, children: undefined, indicators: [] });
  return (
    <ItemCard path={path} title={`${localized(dimension.name, dimension.id ?? '')} (${dimension.id ?? '?'})`}>
      <Row>
        <TextAt path={[...path, 'id']} label="carescore.scheme_editor.fields.id" monospace width={180} />
        <NumberAt path={[...path, 'weight']} label="carescore.scheme_editor.fields.weight" optional={false} />
        <LocalizedAt path={[...path, 'name']} label="carescore.scheme_editor.fields.name" width={180} />
      </Row>
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        {hasChildren ? (
          <Button size="small" onClick={toIndicators}>
            {translate('carescore.scheme_editor.to_indicators')}
          </Button>
        ) : depth < MAX_DEPTH ? (
          <Button size="small" onClick={toChildren}>
            {translate('carescore.scheme_editor.to_children')}
          </Button>
        ) : null}
      </Stack>
      {hasChildren ? <DimensionLevel path={[...path, 'children']} depth={depth + 1} /> : <IndicatorRefs path={[...path, 'indicators']} />}
    </ItemCard>
  );
}

/** One level of the tree: its sum check, its dimensions, and adding one more. */
function DimensionLevel({ path, depth }: { path: DocPath; depth: number }) {
  const { content } = useEditor();
  const list = (getIn(content, path) ?? []) as DimensionLike[];
  return (
    <Box sx={{ pl: depth > 1 ? 1 : 0, borderLeft: depth > 1 ? 2 : 0, borderColor: 'divider' }}>
      <SumCheck path={path} />
      <IssuesAt path={path} />
      {list.map((_, index) => (
        <DimensionNode key={index} path={[...path, index]} depth={depth} />
      ))}
      <AddButton path={path} item={() => ({ id: freshId(list, 'dimension'), weight: 0, indicators: [] })} label="carescore.scheme_editor.add.dimension" />
    </Box>
  );
}

/** The dimension tree (at most three levels), with a live "sums to 100" check on every level. */
export function DimensionsSection() {
  const { content } = useEditor();
  const translate = useTranslate();
  const off = weightLevels(content.dimensions).filter((level) => !level.ok);
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.dimensions" hint="carescore.scheme_editor.help.dimensions" />
      {off.length > 0 ? (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="sums-off">
          {translate('carescore.scheme_editor.sums_off', { smart_count: off.length })}
          {off.map((level) => (
            <div key={fieldOf(level.path)}>
              <code>{fieldOf(level.path)}</code>: Σ {formatSum(level.sum)}
            </div>
          ))}
        </Alert>
      ) : null}
      <DimensionLevel path={['dimensions']} depth={1} />
    </Box>
  );
}
