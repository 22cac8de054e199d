import GroupsIcon from '@mui/icons-material/Groups';
import { Chip, IconButton, Stack, type Theme, Tooltip, useMediaQuery } from '@mui/material';
import {
  Button,
  DataTable,
  List,
  SimpleList,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { tierChoices } from '../common/choices';
import { PeriodInput } from '../common/PeriodInput';
import { TeamOption } from '../common/TeamField';
import { TranslatedField } from '../common/TranslatedField';
import { useBandChoices } from './bandChoices';
import { formatScore } from './chartData';
import { BandChip, ZoneChip } from './Chips';
import { ExportButtons } from './ExportButtons';
import { teamSummaryPath } from './paths';
import { ScorecardTeam } from './ScorecardTeam';
import { type ScorecardRecord, ZONES } from './types';

const zoneChoices = ZONES.map((id) => ({ id, name: `carescore.scorecards.zones.${id}` }));

/** Staff see only their own scorecards (the API filters): a period filter is all they need. */
function scorecardFilters(wide: boolean, bands: Array<{ id: string; name: string }>) {
  const period = <PeriodInput key="period" source="period" alwaysOn />;
  if (!wide) return [period];
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    period,
    <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200} alwaysOn>
      <SelectInput optionText={<TeamOption />} />
    </ReferenceInput>,
    bands.length > 0 ? (
      <SelectInput key="band" source="band" choices={bands} translateChoice={false} alwaysOn />
    ) : (
      <TextInput key="band" source="band" alwaysOn />
    ),
    <SelectInput key="zone" source="zone" choices={zoneChoices} alwaysOn />,
    <SelectInput key="tier" source="tier" choices={tierChoices} />,
    <NullableBooleanInput key="hasErrors" source="hasErrors" />,
    <TextInput key="runId" source="runId" />,
  ];
}

function TeamCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  const { canAccess } = useCanAccess({ resource: 'teams', action: 'show' });
  const translate = useTranslate();
  if (!scorecard?.teamId) return <>—</>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <ScorecardTeam />
      {canAccess && (
        <Tooltip title={translate('carescore.scorecards.team_summary')}>
          <IconButton size="small" component={Link} to={teamSummaryPath(scorecard.teamId, scorecard.period)} onClick={(event) => event.stopPropagation()} aria-label={translate('carescore.scorecards.team_summary')}>
            <GroupsIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}

function CompositeCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  return <b>{formatScore(scorecard?.composite)}</b>;
}

function BandCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  return scorecard ? <BandChip band={scorecard.band} /> : null;
}

function ZoneCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  return scorecard ? <ZoneChip zone={scorecard.zone} /> : null;
}

function PromotionCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  const translate = useTranslate();
  const promotion = scorecard?.promotion;
  if (!promotion) return <>—</>;
  if (promotion.eligible) return <Chip size="small" color="success" label={translate('carescore.scorecards.promotion.eligible')} />;
  if (promotion.criteriaMet) return <Chip size="small" color="success" variant="outlined" label={translate('carescore.scorecards.promotion.criteria_met')} />;
  return <>—</>;
}

function CurrentCell() {
  const scorecard = useRecordContext<ScorecardRecord>();
  const translate = useTranslate();
  return scorecard && !scorecard.current ? <Chip size="small" variant="outlined" label={translate('carescore.scorecards.replaced')} /> : null;
}

/** The team summary of the filtered team and period. */
function TeamSummaryButton() {
  const { filterValues } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'teams', action: 'show' });
  const translate = useTranslate();
  if (!canAccess) return null;
  const { teamId, period } = filterValues as { teamId?: unknown; period?: unknown };
  if (typeof teamId === 'string' && typeof period === 'string') {
    return (
      <Button component={Link} to={teamSummaryPath(teamId, period)} label="carescore.scorecards.team_summary" data-testid="team-summary-button">
        <GroupsIcon />
      </Button>
    );
  }
  return (
    <Tooltip title={translate('carescore.scorecards.team_summary_needs')}>
      <span>
        <Button label="carescore.scorecards.team_summary" disabled data-testid="team-summary-button">
          <GroupsIcon />
        </Button>
      </span>
    </Tooltip>
  );
}

/** The current scorecards (or a run's), with band and zone chips; filters as the API supports them. */
export function ScorecardList() {
  const { canAccess: wide } = useCanAccess({ resource: 'teams', action: 'list' });
  const bands = useBandChoices(wide === true);
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={scorecardFilters(wide === true, bands)}
      sort={{ field: 'composite', order: 'DESC' }}
      actions={
        <TopToolbar>
          <TeamSummaryButton />
          <ExportButtons />
        </TopToolbar>
      }
    >
      {phone ? (
        // A phone: one card-like line per scorecard (name, period, composite, band and zone), no table to scroll.
        <SimpleList<ScorecardRecord>
          linkType="show"
          primaryText={(record) => `${record.staffName} (${record.staffCode})`}
          secondaryText={(record) => record.period}
          tertiaryText={(record) => (
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} component="span">
              <b>{formatScore(record.composite)}</b>
              <BandChip band={record.band} />
              <ZoneChip zone={record.zone} />
            </Stack>
          )}
          data-testid="scorecard-simple-list"
        />
      ) : (
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="staffCode" />
        <DataTable.Col source="staffName" />
        <DataTable.Col source="teamId" disableSort>
          <TeamCell />
        </DataTable.Col>
        <DataTable.Col source="period" />
        <DataTable.Col source="tier">
          <TranslatedField source="tier" prefix="carescore.tiers" />
        </DataTable.Col>
        <DataTable.Col source="composite" align="right">
          <CompositeCell />
        </DataTable.Col>
        <DataTable.Col source="band">
          <BandCell />
        </DataTable.Col>
        <DataTable.Col source="zone">
          <ZoneCell />
        </DataTable.Col>
        <DataTable.Col source="promotion" disableSort>
          <PromotionCell />
        </DataTable.Col>
        <DataTable.Col source="errorCount" disableSort align="right" />
        <DataTable.Col source="current" disableSort>
          <CurrentCell />
        </DataTable.Col>
      </DataTable>
      )}
    </List>
  );
}
