import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import type { DocumentDetail, LocalizedText } from '../providers/dataProvider';
import { SurveyOverview } from '../surveys/SurveyContent';

/** The parts of a scheme or workflow document the overview shows (SPEC §1); everything else stays in the Document tab. */
interface Named {
  id: string;
  name?: LocalizedText;
}
interface Indicator extends Named {
  formula?: string;
  unit?: string;
  direction?: 'higher' | 'lower';
  scoring?: { type?: string };
}
interface Dimension extends Named {
  weight?: number;
  children?: Dimension[];
  indicators?: Array<{ id: string; weight?: number }>;
}
interface Band extends Named {
  min?: number;
}
interface Zone {
  id: string;
  zone?: string;
  action?: string;
}
interface Stage extends Named {
  role?: string;
  slaHours?: number;
}
interface Input {
  type?: string;
  unit?: string;
  name?: LocalizedText;
}

const asArray = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 3 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function DimensionTree({ dimensions, depth, indicatorName }: { dimensions: Dimension[]; depth: number; indicatorName: (id: string) => string }) {
  const localized = useLocalized();
  return (
    <Box component="ul" sx={{ m: 0, pl: depth === 0 ? 2 : 3 }}>
      {dimensions.map((dimension) => (
        <li key={dimension.id} data-testid={`dimension-${dimension.id}`}>
          <b>{localized(dimension.name, dimension.id)}</b> <Chip size="small" label={`${dimension.weight ?? '?'}`} sx={{ ml: 0.5 }} />
          {dimension.children ? <DimensionTree dimensions={dimension.children} depth={depth + 1} indicatorName={indicatorName} /> : null}
          {dimension.indicators ? (
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {dimension.indicators.map((indicator) => (
                <li key={indicator.id}>
                  {indicatorName(indicator.id)} <Typography component="span" variant="body2" color="text.secondary">({indicator.weight ?? '?'})</Typography>
                </li>
              ))}
            </Box>
          ) : null}
        </li>
      ))}
    </Box>
  );
}

/** What a document declares, in the user's language: inputs, indicators, dimension weights, bands, tiers, zones — or a workflow's stages. */
export function ContentOverview() {
  const record = useRecordContext<DocumentDetail>();
  const translate = useTranslate();
  const localized = useLocalized();
  // While the document loads, react-admin shows the list's row, which has no content yet.
  if (!record?.content || !record.validation) return null;
  const content = record.content;
  const issues = record.validation.issues;
  const indicators = asArray<Indicator>(content.indicators);
  const indicatorName = (id: string) => localized(indicators.find((indicator) => indicator.id === id)?.name, id);
  const inputs = Object.entries((content.inputs ?? {}) as Record<string, Input>);
  const t = (key: string) => translate(`carescore.documents.overview.${key}`, { _: key.split('.').pop() });

  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('carescore.documents.content_version', { version: record.version })}
        {typeof content.period === 'string' ? ` · ${t('period')}: ${translate(`carescore.documents.overview.periods.${content.period}`, { _: content.period })}` : ''}
      </Typography>
      {issues.length === 0 ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          {translate('carescore.documents.validation.valid')}
        </Alert>
      ) : (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="validation-issues">
          {translate('carescore.documents.validation.invalid', { smart_count: issues.length })}
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <code>{issue.path}</code>: {issue.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}

      {record.kind === 'survey' ? (
        <SurveyOverview content={content} />
      ) : record.kind === 'scheme' ? (
        <>
          <Section title={t('dimensions')}>
            <DimensionTree dimensions={asArray<Dimension>(content.dimensions)} depth={0} indicatorName={indicatorName} />
          </Section>
          <Section title={t('indicators')}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.documents.fields.name')}</TableCell>
                  <TableCell>{t('formula')}</TableCell>
                  <TableCell>{t('direction')}</TableCell>
                  <TableCell>{t('scoring')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {indicators.map((indicator) => (
                  <TableRow key={indicator.id}>
                    <TableCell>
                      {localized(indicator.name, indicator.id)}
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
                        {indicator.id}
                      </Typography>
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {indicator.formula}
                      {indicator.unit ? ` (${indicator.unit})` : ''}
                    </TableCell>
                    <TableCell>{t(`directions.${indicator.direction ?? 'higher'}`)}</TableCell>
                    <TableCell>{indicator.scoring?.type ? t(`scoring_types.${indicator.scoring.type}`) : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Section>
          <Section title={t('inputs')}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {inputs.map(([id, input]) => (
                <Chip key={id} size="small" variant="outlined" label={`${localized(input.name, id)} · ${id}${input.type === 'number[]' ? '[]' : ''}`} />
              ))}
            </Stack>
          </Section>
          <Section title={t('bands')}>
            <Stack direction="row" spacing={1}>
              {asArray<Band>(content.bands).map((band) => (
                <Chip key={band.id} label={`${band.id} ${localized(band.name, '')} ≥ ${band.min ?? 0}`} />
              ))}
            </Stack>
          </Section>
          {asArray<Named>(content.tiers).length > 0 ? (
            <Section title={t('tiers')}>
              <Stack direction="row" spacing={1}>
                {asArray<Named>(content.tiers).map((tier) => (
                  <Chip key={tier.id} variant="outlined" label={translate(`carescore.tiers.${tier.id}`, { _: tier.id })} />
                ))}
              </Stack>
            </Section>
          ) : null}
          {asArray<Zone>(content.zones).length > 0 ? (
            <Section title={t('zones')}>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {asArray<Zone>(content.zones).map((zone) => (
                  <Chip
                    key={zone.id}
                    label={`${zone.id} → ${zone.action ? translate(`carescore.zone_actions.${zone.action}`, { _: zone.action }) : ''}`}
                    sx={{ bgcolor: zone.zone === 'red' ? '#ffcdd2' : zone.zone === 'yellow' ? '#fff9c4' : '#bbdefb' }}
                  />
                ))}
              </Stack>
            </Section>
          ) : null}
        </>
      ) : (
        <Section title={t('stages')}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.documents.fields.name')}</TableCell>
                <TableCell>{translate('resources.users.fields.role')}</TableCell>
                <TableCell>{t('sla')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {asArray<Stage>(content.stages).map((stage) => (
                <TableRow key={stage.id}>
                  <TableCell>{localized(stage.name, stage.id)}</TableCell>
                  <TableCell>{stage.role ? translate(`carescore.roles.${stage.role}`, { _: stage.role }) : '—'}</TableCell>
                  <TableCell>{stage.slaHours ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
    </Box>
  );
}
