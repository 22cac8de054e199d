import { Box, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { pickLocalized, useLocalized } from '../common/localized';
import type { LocalizedText } from '../providers/dataProvider';

/** The parts of a survey document (`kind: survey`) the console shows; see libs/engine/src/schema/survey.schema.ts. */
export interface SurveyContent {
  title?: LocalizedText;
  name?: LocalizedText;
  intro?: LocalizedText;
  channel?: string;
  scale?: { low?: LocalizedText; high?: LocalizedText };
  dimensions?: Array<{ id: string; name?: LocalizedText; question?: LocalizedText; required?: boolean }>;
  nps?: { question?: LocalizedText; required?: boolean; low?: LocalizedText; high?: LocalizedText };
  comment?: { question?: LocalizedText; required?: boolean; maxLength?: number };
  thanks?: LocalizedText;
}

const asSurvey = (content: Record<string, unknown>): SurveyContent => content as SurveyContent;

/** A survey's questions in words: the Likert dimensions with their questions, the NPS question and the comment. */
export function SurveyOverview({ content }: { content: Record<string, unknown> }) {
  const survey = asSurvey(content);
  const translate = useTranslate();
  const localized = useLocalized();
  const t = (key: string, options?: Record<string, unknown>) => translate(`carescore.surveys.overview.${key}`, options);
  const requirement = (required: boolean | undefined, fallback: boolean) => <Chip size="small" variant="outlined" label={t((required ?? fallback) ? 'required' : 'optional')} />;
  return (
    <Box data-testid="survey-overview">
      <Typography variant="body2" sx={{ mb: 1 }}>
        <b>{t('title')}:</b> {localized(survey.title ?? survey.name, '—')}
      </Typography>
      {survey.intro ? (
        <Typography variant="body2" sx={{ mb: 1 }}>
          <b>{t('intro')}:</b> {localized(survey.intro)}
        </Typography>
      ) : null}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('channel', { channel: survey.channel ?? 'survey' })}
      </Typography>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {t('likert')}
      </Typography>
      {(survey.dimensions ?? []).length === 0 ? (
        <Typography variant="body2">{t('none')}</Typography>
      ) : (
        <Table size="small" sx={{ mb: 3 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.documents.fields.name')}</TableCell>
              <TableCell>{t('question')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(survey.dimensions ?? []).map((dimension) => (
              <TableRow key={dimension.id} data-testid={`survey-dimension-${dimension.id}`}>
                <TableCell>
                  {localized(dimension.name, dimension.id)}
                  <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
                    likert.{dimension.id}
                  </Typography>
                </TableCell>
                <TableCell>{localized(dimension.question, '—')}</TableCell>
                <TableCell>{requirement(dimension.required, true)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {t('nps')}
      </Typography>
      <Typography variant="body2" sx={{ mb: 3 }}>
        {survey.nps ? (
          <>
            {localized(survey.nps.question, '—')} {requirement(survey.nps.required, true)}
          </>
        ) : (
          t('none')
        )}
      </Typography>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {t('comment')}
      </Typography>
      <Typography variant="body2">
        {survey.comment ? (
          <>
            {localized(survey.comment.question, '—')} {requirement(survey.comment.required, false)} · {t('max_length', { max: survey.comment.maxLength ?? 1000 })}
          </>
        ) : (
          t('none')
        )}
      </Typography>
    </Box>
  );
}

function ScaleRow({ from, to }: { from: number; to: number }) {
  const values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${values.length}, minmax(0, 1fr))`, gap: values.length > 5 ? 0.4 : 0.75 }}>
      {values.map((value) => (
        <Box key={value} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, height: 36, display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 600, fontSize: 14 }}>
          {value}
        </Box>
      ))}
    </Box>
  );
}

/** The survey as the client's page shows it (the page itself is rendered by the API: apps/api/src/modules/surveys/survey-page.html.ts). */
export function SurveyPagePreview({ content, language }: { content: Record<string, unknown>; language: 'zh-CN' | 'en' }) {
  const survey = asSurvey(content);
  const translate = useTranslate();
  const text = (value: LocalizedText | undefined, fallback = '') => pickLocalized(value, language, fallback);
  const words = language === 'zh-CN' ? { low: '非常不满意', high: '非常满意', npsLow: '完全不可能', npsHigh: '非常可能', submit: '提交' } : { low: 'Very dissatisfied', high: 'Very satisfied', npsLow: 'Not at all likely', npsHigh: 'Extremely likely', submit: 'Submit' };
  return (
    <Paper variant="outlined" sx={{ maxWidth: 390, p: 2, bgcolor: '#f3f5f9' }} data-testid="survey-preview" lang={language}>
      <Typography variant="h6" sx={{ lineHeight: 1.35 }}>
        {text(survey.title ?? survey.name, language === 'zh-CN' ? '您对我们的服务满意吗？' : 'How was our service?')}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
        {translate('carescore.surveys.preview.about', { name: translate('carescore.surveys.preview.sample_name') })}
      </Typography>
      {survey.intro ? (
        <Typography variant="body2" color="text.secondary">
          {text(survey.intro)}
        </Typography>
      ) : null}
      <Stack spacing={1.5} sx={{ mt: 1.5 }}>
        {(survey.dimensions ?? []).map((dimension) => (
          <Paper key={dimension.id} sx={{ p: 1.5 }}>
            <Typography variant="caption" color="text.secondary">
              {text(dimension.name)}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
              {text(dimension.question, dimension.id)}
            </Typography>
            <ScaleRow from={1} to={5} />
            <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 0.5 }}>
              <Typography variant="caption">1 {text(survey.scale?.low, words.low)}</Typography>
              <Typography variant="caption">5 {text(survey.scale?.high, words.high)}</Typography>
            </Stack>
          </Paper>
        ))}
        {survey.nps ? (
          <Paper sx={{ p: 1.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
              {text(survey.nps.question)}
            </Typography>
            <ScaleRow from={0} to={10} />
            <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 0.5 }}>
              <Typography variant="caption">0 {text(survey.nps.low, words.npsLow)}</Typography>
              <Typography variant="caption">10 {text(survey.nps.high, words.npsHigh)}</Typography>
            </Stack>
          </Paper>
        ) : null}
        {survey.comment ? (
          <Paper sx={{ p: 1.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
              {text(survey.comment.question)}
            </Typography>
            <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, height: 64, bgcolor: '#fff' }} />
          </Paper>
        ) : null}
        <Box sx={{ bgcolor: 'primary.main', color: 'primary.contrastText', borderRadius: 1.5, textAlign: 'center', py: 1.25, fontWeight: 600 }}>{words.submit}</Box>
      </Stack>
    </Paper>
  );
}
