import { Alert, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ChartCard } from '../common/ChartCard';
import { useLocalized } from '../common/localized';
import { formatScore } from './chartData';
import { ZoneChip } from './Chips';
import type { ScorecardDetail } from './types';

function Empty({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {text}
    </Typography>
  );
}

/** The tier's name from the scheme, else the console's own label, else the id. */
export function useTierName(): (scorecard: Pick<ScorecardDetail, 'explanation'> | null, tier: string | null) => string {
  const translate = useTranslate();
  const localized = useLocalized();
  return (scorecard, tier) => {
    if (!tier) return '—';
    const named = scorecard?.explanation.tiers.find((candidate) => candidate.id === tier)?.name;
    return localized(named, translate(`carescore.tiers.${tier}`, { _: tier }));
  };
}

/** Every zone the scorecard hit, with what it asks (the zone action). */
export function ZonesPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const rules = new Map(scorecard.explanation.zones.map((zone) => [zone.id, zone]));
  return (
    <ChartCard title={translate('carescore.scorecards.zones_section.title')} testId="zones-panel">
      {scorecard.result.zones.length === 0 ? (
        <Empty text={translate('carescore.scorecards.zones_section.none')} />
      ) : (
        <List dense disablePadding>
          {scorecard.result.zones.map((hit) => (
            <ListItem key={hit.id} disableGutters data-testid={`zone-${hit.id}`}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <ZoneChip zone={hit.zone} />
                <ListItemText
                  primary={localized(rules.get(hit.id)?.name, hit.id)}
                  secondary={hit.action ? `${translate('carescore.scorecards.zones_section.action')}: ${translate(`carescore.zone_actions.${hit.action}`, { _: hit.action })}` : undefined}
                />
              </Stack>
            </ListItem>
          ))}
        </List>
      )}
    </ChartCard>
  );
}

export function HintsPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  return (
    <ChartCard title={translate('carescore.scorecards.hints.title')} testId="hints-panel">
      {scorecard.result.hints.length === 0 ? (
        <Empty text={translate('carescore.scorecards.hints.none')} />
      ) : (
        <Stack spacing={1}>
          {scorecard.result.hints.map((hint) => (
            <Alert key={hint.id} severity="info" icon={false}>
              {localized(hint.text, hint.id)}
            </Alert>
          ))}
        </Stack>
      )}
    </ChartCard>
  );
}

export function PromotionPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const tierName = useTierName();
  const promotion = scorecard.result.promotion;
  const label = (name: string, args?: Record<string, unknown>) => translate(`carescore.scorecards.promotion.${name}`, args);
  return (
    <ChartCard title={label('title')} testId="promotion-panel">
      {!promotion ? (
        <Empty text={label('none')} />
      ) : (
        <Stack spacing={1}>
          <Typography variant="body2">{label('to', { tier: tierName(scorecard, promotion.to) })}</Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Chip size="small" color={promotion.criteriaMet ? 'success' : 'default'} variant={promotion.criteriaMet ? 'filled' : 'outlined'} label={label(promotion.criteriaMet ? 'criteria_met' : 'criteria_not_met')} />
            <Chip size="small" color={promotion.eligible ? 'success' : 'default'} variant={promotion.eligible ? 'filled' : 'outlined'} label={label(promotion.eligible ? 'eligible' : 'not_eligible')} data-testid="promotion-eligible" />
          </Stack>
        </Stack>
      )}
    </ChartCard>
  );
}

export function AdjustmentsPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const entries = Object.entries(scorecard.result.adjustments);
  const names = new Map(scorecard.explanation.adjustments.map((adjustment) => [adjustment.id, adjustment.name]));
  return (
    <ChartCard title={translate('carescore.scorecards.adjustments.title')} testId="adjustments-panel">
      {entries.length === 0 ? (
        <Empty text={translate('carescore.scorecards.adjustments.none')} />
      ) : (
        <List dense disablePadding>
          {entries.map(([id, points]) => (
            <ListItem key={id} disableGutters secondaryAction={<b>{`${points >= 0 ? '+' : ''}${formatScore(points, 2)}`}</b>}>
              <ListItemText primary={localized(names.get(id), id)} />
            </ListItem>
          ))}
        </List>
      )}
    </ChartCard>
  );
}

export function ErrorsPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  if (scorecard.result.errors.length === 0) return null;
  return (
    <Alert severity="error" data-testid="scorecard-errors">
      <Typography variant="subtitle2">{translate('carescore.scorecards.errors.title')}</Typography>
      {scorecard.result.errors.map((error, index) => (
        <Typography key={`${error.path}-${index}`} variant="body2">
          <code>{error.path}</code>: {error.message}
        </Typography>
      ))}
    </Alert>
  );
}
