import { Box, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { useEditor, useFieldError } from './editorState';
import { useEngine } from './engineLoader';
import { IssuesAt, LocalizedAt, NumberAt, SelectAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';
import type { DocPath } from './paths';

interface IndicatorLike {
  id?: string;
  name?: LocalizedText;
  scoring?: { type?: string; bands?: unknown[] };
  direction?: string;
}

const SCORING_TYPES = ['thresholds', 'bands', 'linear', 'raw'] as const;

/** Lines to start from when the scoring type changes (valid for direction: higher). */
function defaultScoring(type: string): Record<string, unknown> {
  switch (type) {
    case 'thresholds':
      return { type, baseline: 60, target: 80, excellent: 100 };
    case 'bands':
      return { type, bands: [{ min: 90, score: 100 }, { min: 60, score: 60 }] };
    case 'linear':
      return { type, min: 0, max: 100 };
    default:
      return { type };
  }
}

function ScoringTypeSelect({ path }: { path: DocPath }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError([...path, 'type']);
  const scoring = ((content.indicators as IndicatorLike[])[path[1] as number]?.scoring ?? {}) as { type?: string };
  return (
    <Box sx={{ width: 170 }} data-testid={`field-${[...path, 'type'].join('.')}`}>
      <TextField
        select
        fullWidth
        size="small"
        label={translate('carescore.scheme_editor.fields.scoring_type')}
        value={scoring.type ?? ''}
        onChange={(event) => set(path, defaultScoring(event.target.value))}
        error={error !== undefined}
        helperText={error}
      >
        {SCORING_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {translate(`carescore.scheme_editor.scoring.${type}`)}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

/** The lines an indicator's value is scored against, by scoring type (SPEC §1.2 rule 2). */
function ScoringLines({ path, scoring }: { path: DocPath; scoring: IndicatorLike['scoring'] }) {
  if (scoring?.type === 'thresholds') {
    return (
      <>
        <Row>
          <NumberAt path={[...path, 'floor']} label="carescore.scheme_editor.fields.floor" />
          <NumberAt path={[...path, 'baseline']} label="carescore.scheme_editor.fields.baseline" optional={false} />
          <NumberAt path={[...path, 'target']} label="carescore.scheme_editor.fields.target" optional={false} />
          <NumberAt path={[...path, 'excellent']} label="carescore.scheme_editor.fields.excellent" optional={false} />
        </Row>
        <Row>
          <NumberAt path={[...path, 'points', 'baseline']} label="carescore.scheme_editor.fields.points_baseline" helper="60" width={150} />
          <NumberAt path={[...path, 'points', 'target']} label="carescore.scheme_editor.fields.points_target" helper="80" width={150} />
          <NumberAt path={[...path, 'points', 'excellent']} label="carescore.scheme_editor.fields.points_excellent" helper="100" width={150} />
        </Row>
      </>
    );
  }
  if (scoring?.type === 'linear') {
    return (
      <Row>
        <NumberAt path={[...path, 'min']} label="carescore.scheme_editor.fields.linear_min" optional={false} width={150} />
        <NumberAt path={[...path, 'max']} label="carescore.scheme_editor.fields.linear_max" optional={false} width={150} />
      </Row>
    );
  }
  if (scoring?.type === 'bands') {
    const bands = Array.isArray(scoring.bands) ? scoring.bands : [];
    return (
      <Box sx={{ mb: 1 }}>
        <IssuesAt path={[...path, 'bands']} />
        {bands.map((_, index) => (
          <Row key={index}>
            <NumberAt path={[...path, 'bands', index, 'min']} label="carescore.scheme_editor.fields.band_min" />
            <NumberAt path={[...path, 'bands', index, 'max']} label="carescore.scheme_editor.fields.band_max" />
            <NumberAt path={[...path, 'bands', index, 'score']} label="carescore.scheme_editor.fields.score" optional={false} />
            <RemoveBand path={[...path, 'bands']} index={index} />
          </Row>
        ))}
        <AddButton path={[...path, 'bands']} item={() => ({ min: 0, score: 0 })} label="carescore.scheme_editor.add.band_line" />
      </Box>
    );
  }
  return null;
}

function RemoveBand({ path, index }: { path: DocPath; index: number }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const list = path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], content);
  return (
    <Chip
      size="small"
      variant="outlined"
      label={translate('carescore.scheme_editor.remove')}
      onClick={() => set(path, (Array.isArray(list) ? list : []).filter((_, i) => i !== index))}
      sx={{ mt: 0.75 }}
    />
  );
}

/** Names a formula may read: the declared inputs and the other indicators. */
function FormulaVocabulary({ self }: { self: string | undefined }) {
  const { content } = useEditor();
  const translate = useTranslate();
  const inputs = Object.keys((content.inputs ?? {}) as Record<string, unknown>);
  const indicators = ((content.indicators ?? []) as IndicatorLike[]).map((indicator) => indicator.id).filter((id): id is string => !!id && id !== self);
  const functions = [...(useEngine()?.FORMULA_FUNCTIONS ?? [])];
  return (
    <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: -1, mb: 1.5 }}>
      {translate('carescore.scheme_editor.help.formula_names')} <code>{[...inputs, ...indicators].join(', ') || '—'}</code>
      {functions.length > 0 ? (
        <>
          {' · '}
          {translate('carescore.scheme_editor.help.formula_functions')} <code>{functions.join(', ')}</code>
        </>
      ) : null}
    </Typography>
  );
}

/** Every indicator: formula (checked live against the declared inputs), direction, scoring lines, missing policy. */
export function IndicatorsSection() {
  const { content } = useEditor();
  const localized = useLocalized();
  const translate = useTranslate();
  const indicators = (Array.isArray(content.indicators) ? content.indicators : []) as IndicatorLike[];
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.indicators" hint="carescore.scheme_editor.help.indicators" />
      <IssuesAt path={['indicators']} />
      {indicators.map((indicator, index) => {
        const at = ['indicators', index] as const;
        return (
          <ItemCard key={index} path={at} title={`${localized(indicator.name, indicator.id ?? '')} (${indicator.id ?? '?'})`}>
            <Row>
              <TextAt path={[...at, 'id']} label="carescore.scheme_editor.fields.id" monospace />
              <LocalizedAt path={[...at, 'name']} label="carescore.scheme_editor.fields.name" />
              <TextAt path={[...at, 'unit']} label="carescore.scheme_editor.fields.unit" width={90} optional />
            </Row>
            <Stack sx={{ mb: 1.5 }}>
              <TextAt path={[...at, 'formula']} label="carescore.scheme_editor.fields.formula" width="100%" monospace />
            </Stack>
            <FormulaVocabulary self={indicator.id} />
            <Row>
              <SelectAt
                path={[...at, 'direction']}
                label="carescore.scheme_editor.fields.direction"
                choices={['higher', 'lower'].map((id) => ({ id, name: translate(`carescore.scheme_editor.direction.${id}`) }))}
                allowEmpty
              />
              <ScoringTypeSelect path={[...at, 'scoring']} />
              <SelectAt
                path={[...at, 'missing']}
                label="carescore.scheme_editor.fields.missing"
                choices={['exclude', 'zero', 'error'].map((id) => ({ id, name: translate(`carescore.scheme_editor.missing.${id}`) }))}
                allowEmpty
              />
            </Row>
            <ScoringLines path={[...at, 'scoring']} scoring={indicator.scoring} />
          </ItemCard>
        );
      })}
      <AddButton
        path={['indicators']}
        item={() => ({ id: freshId(indicators, 'indicator'), formula: '0', direction: 'higher', scoring: defaultScoring('thresholds'), missing: 'exclude' })}
        label="carescore.scheme_editor.add.indicator"
      />
    </Box>
  );
}
