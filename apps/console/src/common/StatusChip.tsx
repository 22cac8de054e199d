import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { VersionStatus } from '../providers/dataProvider';

const COLOR: Record<VersionStatus, ChipProps['color']> = { draft: 'warning', published: 'success', retired: 'default' };

/** A version's status (draft, published, retired) as a coloured chip. */
export function StatusChip({ status, size = 'small' }: { status: VersionStatus | null | undefined; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size={size} color={COLOR[status]} label={translate(`carescore.statuses.${status}`)} variant={status === 'retired' ? 'outlined' : 'filled'} />;
}
