import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { Chip, Stack, Tooltip } from '@mui/material';
import { useLocalized } from '../common/localized';
import type { EarnedAward } from './types';

/** The awards earned, as chips named in the console's language; the description, when the scheme gives one, on hover. */
export function AwardChips({ awards, size = 'small' }: { awards: readonly EarnedAward[] | undefined; size?: 'small' | 'medium' }) {
  const localized = useLocalized();
  if (!awards || awards.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="award-chips">
      {awards.map((award) => {
        const chip = <Chip size={size} color="success" icon={<EmojiEventsIcon />} label={localized(award.name, award.id)} data-testid={`award-${award.id}`} />;
        const description = localized(award.description, '');
        return description ? (
          <Tooltip key={award.id} title={description}>
            {chip}
          </Tooltip>
        ) : (
          <span key={award.id}>{chip}</span>
        );
      })}
    </Stack>
  );
}
