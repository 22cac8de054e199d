import { Chip, type ChipProps } from '@mui/material';
import { useGetMany, useRecordContext, useTranslate } from 'react-admin';
import { type TeamName, useLocalized, useTeamName } from '../common/localized';
import type { ArmVersion, ExperimentRecord, ExperimentStatus } from './types';

const STATUS_COLOR: Record<ExperimentStatus, ChipProps['color']> = { draft: 'warning', running: 'info', stopped: 'default', promoted: 'success' };

export function ExperimentStatusChip({ status }: { status: ExperimentStatus | undefined; label?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={STATUS_COLOR[status]} label={translate(`carescore.experiments.statuses.${status}`)} data-testid="experiment-status" />;
}

export function StatusField(_props: { label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  return <ExperimentStatusChip status={record?.status} />;
}

export function ModeField(_props: { label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const mode = translate(`carescore.experiments.modes.${record.mode}`);
  if (record.mode === 'shadow') return <Chip size="small" variant="outlined" label={mode} />;
  const unit = translate(`carescore.experiments.unit_names.${record.unit ?? 'staff'}`);
  return <Chip size="small" variant="outlined" color="secondary" label={`${mode} · ${record.challengerPercent ?? 0}% · ${unit}`} />;
}

/** `hm-3d9i v3`. */
export function armLabel(arm: ArmVersion): string {
  return `${arm.documentKey} v${arm.version}`;
}

export function ArmField({ arm }: { arm: 'champion' | 'challenger'; label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  if (!record) return null;
  return <span>{armLabel(record[arm])}</span>;
}

export function NameField(_props: { label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  const localized = useLocalized();
  if (!record) return null;
  return <span>{localized(record.name, record.key)}</span>;
}

/** The whole institution, or the experiment's teams by name. */
export function PopulationField(_props: { label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  const translate = useTranslate();
  const teamName = useTeamName();
  const ids = record?.teamIds ?? [];
  const { data: teams } = useGetMany<TeamName & { id: string }>('teams', { ids }, { enabled: ids.length > 0 });
  if (!record) return null;
  if (record.teamIds === null) return <span>{translate('carescore.experiments.whole_institution')}</span>;
  return <span>{(teams ?? []).map((team) => teamName(team)).join('、') || translate('carescore.experiments.teams_count', { smart_count: ids.length })}</span>;
}

export function PeriodsField(_props: { label?: string }) {
  const record = useRecordContext<ExperimentRecord>();
  if (!record) return null;
  return <span>{record.periods.join(', ')}</span>;
}
