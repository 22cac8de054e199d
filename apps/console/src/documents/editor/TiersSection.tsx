import { Autocomplete, Box, Button, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { ConditionBuilder } from './ConditionBuilder';
import { useEditor, useFieldError } from './editorState';
import { IssuesAt, LocalizedAt, NumberAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';
import { type DocPath, fieldOf, getIn } from './paths';

interface TierLike {
  id?: string;
  name?: LocalizedText;
  indicators?: string[];
  weights?: Record<string, unknown>;
  promotion?: { to?: string; consecutivePeriods?: number; when?: unknown };
}

function useIndicatorIds(): string[] {
  const { content } = useEditor();
  return ((content.indicators ?? []) as Array<{ id?: string }>).map((indicator) => indicator.id).filter((id): id is string => !!id);
}

/** The indicators a tier is scored on; none chosen means all of them. */
function TierIndicators({ path }: { path: DocPath }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const ids = useIndicatorIds();
  const error = useFieldError(path);
  const value = (getIn(content, path) ?? []) as string[];
  return (
    <Box sx={{ width: '100%' }} data-testid={`field-${fieldOf(path)}`}>
      <Autocomplete
        multiple
        size="small"
        options={ids}
        value={value}
        onChange={(_, next) => set(path, next.length === 0 ? undefined : next)}
        renderInput={(params) => <TextField {...params} label={translate('carescore.scheme_editor.fields.tier_indicators')} placeholder={value.length === 0 ? translate('carescore.scheme_editor.help.all_indicators') : undefined} error={error !== undefined} helperText={error} />}
      />
    </Box>
  );
}

/** Per-indicator weight overrides for a tier. */
function TierWeights({ path }: { path: DocPath }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const ids = useIndicatorIds();
  const weights = (getIn(content, path) ?? {}) as Record<string, unknown>;
  const unused = ids.filter((id) => !Object.hasOwn(weights, id));
  const without = (id: string) => {
    const rest = Object.fromEntries(Object.entries(weights).filter(([key]) => key !== id));
    set(path, Object.keys(rest).length === 0 ? undefined : rest);
  };
  return (
    <Box sx={{ mb: 1 }}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('carescore.scheme_editor.fields.tier_weights')}
      </Typography>
      <IssuesAt path={path} />
      {Object.keys(weights).map((id) => (
        <Row key={id}>
          <Chip label={id} sx={{ mt: 0.5, fontFamily: 'monospace' }} />
          <NumberAt path={[...path, id]} label="carescore.scheme_editor.fields.weight" optional={false} />
          <Button size="small" onClick={() => without(id)}>
            {translate('carescore.scheme_editor.remove')}
          </Button>
        </Row>
      ))}
      {unused.length > 0 ? (
        <TextField select size="small" sx={{ width: 260 }} label={translate('carescore.scheme_editor.add.weight_override')} value="" onChange={(event) => set(path, { ...weights, [event.target.value]: 0 })}>
          {unused.map((id) => (
            <MenuItem key={id} value={id}>
              {id}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
    </Box>
  );
}

function Promotion({ path, tierIds }: { path: DocPath; tierIds: string[] }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const promotion = getIn(content, path) as TierLike['promotion'];
  const toError = useFieldError([...path, 'to']);
  if (!promotion) {
    return (
      <Button size="small" onClick={() => set(path, { to: tierIds[0] ?? '', consecutivePeriods: 1, when: { all: [{ fact: 'composite', operator: 'greaterThanInclusive', value: 85 }] } })}>
        {translate('carescore.scheme_editor.add.promotion')}
      </Button>
    );
  }
  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flexGrow: 1 }}>
          {translate('carescore.scheme_editor.fields.promotion')}
        </Typography>
        <Button size="small" onClick={() => set(path, undefined)}>
          {translate('carescore.scheme_editor.remove')}
        </Button>
      </Stack>
      <Row>
        <Box sx={{ width: 160 }} data-testid={`field-${fieldOf([...path, 'to'])}`}>
          <TextField select fullWidth size="small" label={translate('carescore.scheme_editor.fields.promotion_to')} value={promotion.to ?? ''} onChange={(event) => set([...path, 'to'], event.target.value)} error={toError !== undefined} helperText={toError}>
            {[...new Set([...tierIds, promotion.to ?? ''])].filter(Boolean).map((id) => (
              <MenuItem key={id} value={id}>
                {id}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <NumberAt path={[...path, 'consecutivePeriods']} label="carescore.scheme_editor.fields.consecutive_periods" width={170} />
      </Row>
      <ConditionBuilder path={[...path, 'when']} />
    </Box>
  );
}

/** Career tiers: which indicators count, weight overrides, and the promotion rule. */
export function TiersSection() {
  const { content } = useEditor();
  const localized = useLocalized();
  const tiers = (Array.isArray(content.tiers) ? content.tiers : []) as TierLike[];
  const tierIds = tiers.map((tier) => tier.id).filter((id): id is string => !!id);
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.tiers" hint="carescore.scheme_editor.help.tiers" />
      <IssuesAt path={['tiers']} />
      {tiers.map((tier, index) => (
        <ItemCard key={index} path={['tiers', index]} title={`${localized(tier.name, tier.id ?? '')} (${tier.id ?? '?'})`}>
          <Row>
            <TextAt path={['tiers', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <LocalizedAt path={['tiers', index, 'name']} label="carescore.scheme_editor.fields.name" />
          </Row>
          <Row>
            <TierIndicators path={['tiers', index, 'indicators']} />
          </Row>
          <TierWeights path={['tiers', index, 'weights']} />
          <Promotion path={['tiers', index, 'promotion']} tierIds={tierIds.filter((id) => id !== tier.id)} />
        </ItemCard>
      ))}
      <AddButton path={['tiers']} item={() => ({ id: freshId(tiers, 'tier') })} label="carescore.scheme_editor.add.tier" />
    </Box>
  );
}
