import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import type { LocalizedText } from '../providers/dataProvider';
import type { Zone } from './types';

const ZONE_COLOR: Record<Zone, ChipProps['color']> = { red: 'error', yellow: 'warning', blue: 'info' };

/** A zone colour as a chip in that colour; nothing when the scorecard is in no zone (unless `showNone`). */
export function ZoneChip({ zone, showNone = false, size = 'small' }: { zone: Zone | null | undefined; showNone?: boolean; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  if (!zone) return showNone ? <Chip size={size} variant="outlined" label={translate('carescore.scorecards.no_zone')} /> : null;
  return <Chip size={size} color={ZONE_COLOR[zone]} label={translate(`carescore.scorecards.zones.${zone}`)} data-testid="zone-chip" data-zone={zone} />;
}

/** A band id, with its name from the scheme when known (A · 优秀). */
export function BandChip({ band, name, size = 'small' }: { band: string | null | undefined; name?: LocalizedText | null; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  const localized = useLocalized();
  if (!band) return <Chip size={size} variant="outlined" label={translate('carescore.scorecards.no_band')} />;
  const text = localized(name, '');
  return <Chip size={size} color="primary" variant="outlined" label={text ? `${band} · ${text}` : band} data-testid="band-chip" data-band={band} />;
}
