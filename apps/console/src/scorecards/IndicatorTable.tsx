import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { Fragment } from 'react';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { formatInput, formatScore, indicatorGroups } from './chartData';
import type { IndicatorOutline, IndicatorResult, ScorecardDetail } from './types';

const STATUS_COLOR = { ok: 'success', missing: 'warning', excluded: 'default' } as const;

function Lines({ outline }: { outline: IndicatorOutline }) {
  const translate = useTranslate();
  const unit = outline.unit ?? '';
  return (
    <Stack spacing={0.5}>
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {outline.lines.length === 0 ? (
          <Typography variant="caption">{translate('carescore.scorecards.indicators.raw')}</Typography>
        ) : (
          outline.lines.map((line) => (
            <Chip key={`${line.value}-${line.score}`} size="small" variant="outlined" label={translate('carescore.scorecards.indicators.line', { value: `${line.value}${unit}`, score: line.score })} />
          ))
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {translate(`carescore.scorecards.indicators.directions.${outline.direction}`)}
      </Typography>
    </Stack>
  );
}

function Inputs({ inputs }: { inputs: IndicatorResult['inputs'] }) {
  const entries = Object.entries(inputs ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1, fontSize: 12 }}>
      {entries.map(([name, value]) => (
        <Fragment key={name}>
          <Box component="dt" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
            {name}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            {formatInput(value)}
          </Box>
        </Fragment>
      ))}
    </Box>
  );
}

function IndicatorRow({ outline, result, indent }: { outline: IndicatorOutline | undefined; result: IndicatorResult | undefined; indent: number; id: string }) {
  const translate = useTranslate();
  const localized = useLocalized();
  if (!outline) return null;
  const status = result?.status ?? 'excluded';
  return (
    <TableRow data-testid={`indicator-${outline.id}`} sx={{ verticalAlign: 'top', opacity: status === 'excluded' ? 0.6 : 1 }}>
      <TableCell sx={{ pl: 2 + indent * 2 }}>
        <Tooltip title={`${translate('carescore.scorecards.indicators.formula')}: ${outline.formula}`}>
          <Typography variant="body2" component="span">
            {localized(outline.name, outline.id)}
          </Typography>
        </Tooltip>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
          {outline.formula}
        </Typography>
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid="indicator-value">
        {result?.value === undefined ? '—' : `${formatScore(result.value, 2)}${outline.unit ? ` ${outline.unit}` : ''}`}
      </TableCell>
      <TableCell align="right" data-testid="indicator-score">
        <b>{formatScore(result?.score)}</b>
      </TableCell>
      <TableCell align="right">{result?.weight ?? '—'}</TableCell>
      <TableCell>
        <Chip size="small" color={STATUS_COLOR[status]} label={translate(`carescore.scorecards.indicators.statuses.${status}`)} />
        {result?.reason && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', maxWidth: 220 }}>
            {result.reason}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <Inputs inputs={result?.inputs} />
      </TableCell>
      <TableCell>
        <Lines outline={outline} />
      </TableCell>
    </TableRow>
  );
}

/** Every indicator under its dimension: value, score, weight, status, the inputs behind it and the lines it was scored against. */
export function IndicatorTable({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const { explanation, result } = scorecard;
  const outlines = new Map(explanation.indicators.map((indicator) => [indicator.id, indicator]));
  const dimensions = new Map(explanation.dimensions.map((dimension) => [dimension.id, dimension]));
  const label = (name: string) => translate(`carescore.scorecards.indicators.${name}`);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          {label('title')}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="indicator-table" sx={{ '& thead th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{label('indicator')}</TableCell>
                <TableCell align="right">{label('value')}</TableCell>
                <TableCell align="right">{label('score')}</TableCell>
                <TableCell align="right">{label('weight')}</TableCell>
                <TableCell>{label('status')}</TableCell>
                <TableCell>{label('inputs')}</TableCell>
                <TableCell>{label('lines')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {indicatorGroups(explanation).map((group) => {
                const dimension = group.dimensionId ? dimensions.get(group.dimensionId) : undefined;
                const scored = group.dimensionId ? result.dimensions[group.dimensionId] : undefined;
                return (
                  <Fragment key={group.dimensionId ?? 'other'}>
                    <TableRow sx={{ bgcolor: 'action.hover' }} data-testid={`dimension-row-${group.dimensionId ?? 'other'}`}>
                      <TableCell colSpan={7} sx={{ pl: 2 + group.depth * 2 }}>
                        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                          {dimension ? localized(dimension.name, dimension.id) : label('other')}
                        </Typography>
                        {dimension && (
                          <Typography variant="body2" component="span" color="text.secondary" sx={{ ml: 2 }}>
                            {translate('carescore.scorecards.indicators.dimension_score', { score: formatScore(scored?.score), weight: scored?.weight ?? dimension.weight })}
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                    {group.indicators.map((id) => (
                      <IndicatorRow key={id} id={id} outline={outlines.get(id)} result={result.indicators[id]} indent={group.depth + 1} />
                    ))}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
}
