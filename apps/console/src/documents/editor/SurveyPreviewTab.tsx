import { Alert, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { SurveyOverview, SurveyPagePreview } from '../../surveys/SurveyContent';
import { useEditor } from './editorState';

/** A survey draft as the client's page will show it, and its questions in words, following the edits live. */
export function SurveyPreviewTab() {
  const { content, localIssues } = useEditor();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [language, setLanguage] = useState<'zh-CN' | 'en'>(locale === 'en' ? 'en' : 'zh-CN');
  if (localIssues.length > 0) return <Alert severity="info">{translate('carescore.surveys.preview.invalid')}</Alert>;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
      <Stack spacing={1}>
        <Typography variant="body2" color="text.secondary">
          {translate('carescore.surveys.preview.intro')}
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={language} onChange={(_, next: 'zh-CN' | 'en' | null) => next && setLanguage(next)} aria-label={translate('carescore.surveys.preview.language')}>
          <ToggleButton value="zh-CN">中文</ToggleButton>
          <ToggleButton value="en">English</ToggleButton>
        </ToggleButtonGroup>
        <SurveyPagePreview content={content} language={language} />
      </Stack>
      <SurveyOverview content={content} />
    </Stack>
  );
}
