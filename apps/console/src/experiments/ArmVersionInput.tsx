import { Box, Button as MuiButton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { required, SelectInput, useDataProvider, useGetList, useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { useLocalized } from '../common/localized';
import type { BindingRecord, CareScoreDataProvider, DocumentRecord } from '../providers/dataProvider';

/** A scheme and one of its published versions, for the champion or the challenger. */
export function ArmVersionInput({ arm, readOnly }: { arm: 'champion' | 'challenger'; readOnly?: boolean }) {
  const localized = useLocalized();
  const translate = useTranslate();
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const { setValue } = useFormContext();
  const documentId = useWatch({ name: `${arm}.documentId` }) as string | undefined;
  const { data: schemes } = useGetList<DocumentRecord>('documents', { filter: { kind: 'scheme' }, pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' } });
  const versions = useQuery({
    queryKey: ['documents', 'versions', documentId],
    queryFn: () => dataProvider.documentVersions(documentId as string),
    enabled: Boolean(documentId),
  });
  const published = (versions.data ?? []).filter((version) => version.status === 'published');
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }} data-testid={`${arm}-picker`}>
      <SelectInput
        source={`${arm}.documentId`}
        label={`carescore.experiments.form.${arm}_scheme`}
        choices={(schemes ?? []).filter((scheme) => scheme.publishedVersion !== null).map((scheme) => ({ id: scheme.id, name: `${localized(scheme.name, scheme.key)} (${scheme.key})` }))}
        translateChoice={false}
        validate={required()}
        readOnly={readOnly}
        onChange={() => setValue(`${arm}.version`, null)}
        sx={{ minWidth: 320 }}
      />
      <SelectInput
        source={`${arm}.version`}
        label={`carescore.experiments.form.${arm}_version`}
        choices={published.map((version) => ({ id: version.version, name: `v${version.version}` }))}
        translateChoice={false}
        validate={required()}
        readOnly={readOnly}
        disabled={!documentId}
        helperText={translate('carescore.experiments.form.published_only')}
        sx={{ minWidth: 160 }}
      />
    </Stack>
  );
}

/**
 * The champion is the scheme version bound to the experiment's periods: shows the institution-wide
 * bindings of the chosen periods and fills the champion with the bound version in one click.
 */
export function BoundVersionHint({ readOnly }: { readOnly?: boolean }) {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const periods = (useWatch({ name: 'periods' }) as string[] | undefined) ?? [];
  const champion = useWatch({ name: 'champion' }) as { documentId?: string; version?: number } | undefined;
  const { data: bindings } = useGetList<BindingRecord>('bindings', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'period', order: 'ASC' } });
  const bound = (bindings ?? []).filter((binding) => binding.teamId === null && periods.includes(binding.period));
  if (periods.length === 0) return null;
  const distinct = [...new Map(bound.map((binding) => [`${binding.documentId}@${binding.version}`, binding])).values()];
  const matches = distinct.length === 1 && champion?.documentId === distinct[0].documentId && Number(champion?.version) === distinct[0].version;
  return (
    <Box sx={{ mb: 2 }} data-testid="bound-versions">
      <Typography variant="body2" color="text.secondary">
        {bound.length === 0
          ? translate('carescore.experiments.form.no_binding')
          : `${translate('carescore.experiments.form.bound')}: ${bound.map((binding) => `${binding.period} → ${binding.documentKey} v${binding.version}`).join('; ')}`}
      </Typography>
      {distinct.length === 1 && !matches && !readOnly ? (
        <MuiButton
          size="small"
          data-testid="use-bound-version"
          onClick={() => {
            setValue('champion.documentId', distinct[0].documentId, { shouldDirty: true });
            setValue('champion.version', distinct[0].version, { shouldDirty: true });
          }}
        >
          {translate('carescore.experiments.form.use_bound', { version: `${distinct[0].documentKey} v${distinct[0].version}` })}
        </MuiButton>
      ) : null}
      {distinct.length > 1 ? (
        <Typography variant="body2" color="warning.main">
          {translate('carescore.experiments.form.several_bound')}
        </Typography>
      ) : null}
    </Box>
  );
}
