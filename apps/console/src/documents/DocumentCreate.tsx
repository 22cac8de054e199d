import { Box, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Title, useCanAccess, useCreate, useDataProvider, useGetList, useNotify, useRedirect, useRequireAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useLocalized } from '../common/localized';
import type { CareScoreDataProvider, DocumentRecord, TemplateRecord } from '../providers/dataProvider';

function CreateFromTemplate({ template }: { template: TemplateRecord }) {
  const { canAccess } = useCanAccess({ resource: 'documents', action: 'create', record: { kind: template.kind } });
  const [create, { isPending }] = useCreate<{ id: string; template?: string }>();
  const notify = useNotify();
  const redirect = useRedirect();
  const [done, setDone] = useState(false);
  if (!canAccess) return null;
  return (
    <Button
      label="carescore.documents.create_from_template"
      variant="contained"
      size="small"
      disabled={isPending || done}
      onClick={() =>
        create(
          'documents',
          { data: { template: template.key } },
          {
            onSuccess: (document) => {
              setDone(true);
              notify('carescore.documents.created', { type: 'success', messageArgs: { key: template.key } });
              redirect('show', 'documents', document.id);
            },
            onError: (error) => notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' }),
          },
        )
      }
    />
  );
}

/** `/documents/create`: the shipped rule templates; each becomes a draft document (`POST /api/documents {template}`). */
export function DocumentCreate() {
  const { isPending: checking } = useRequireAccess({ resource: 'documents', action: 'create' });
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const translate = useTranslate();
  const localized = useLocalized();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => dataProvider.templates() });
  // A template whose key is already a document is opened rather than created again (keys are unique).
  const { data: documents } = useGetList<DocumentRecord>('documents', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' } });
  if (checking) return null;
  const existing = new Map((documents ?? []).map((document) => [`${document.kind}:${document.key}`, document]));
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('carescore.documents.templates_title')} />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('carescore.documents.templates_intro')}
          </Typography>
          <Table size="small" data-testid="templates">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.documents.fields.key')}</TableCell>
                <TableCell>{translate('resources.documents.fields.name')}</TableCell>
                <TableCell>{translate('resources.documents.fields.kind')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(templates.data ?? []).map((template) => {
                const document = existing.get(`${template.kind}:${template.key}`);
                return (
                  <TableRow key={template.key}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{template.key}</TableCell>
                    <TableCell>{localized(template.name, template.key)}</TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" label={translate(`carescore.kinds.${template.kind}`)} />
                    </TableCell>
                    <TableCell align="right">
                      {document ? <Button component={Link} to={`/documents/${document.id}/show`} label="ra.action.show" size="small" /> : <CreateFromTemplate template={template} />}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
