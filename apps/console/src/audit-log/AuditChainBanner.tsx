import { Alert, AlertTitle, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../providers/httpClient';

/** `GET /api/audit-log/verify`: the institution's hash chain, intact or where it first breaks. */
export interface AuditChainState {
  intact: boolean;
  entries: number;
  head: { sequence: number; hash: string | null } | null;
  broken: { entryId: string; sequence: number; problem: 'content_changed' | 'entries_missing' | 'sequence_out_of_order' | 'link_broken'; expected: string; found: string } | null;
}

const short = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 16)}…` : hash);

/** Above the audit log: whether its hash chain is intact, checked by the server on every visit. */
export function AuditChainBanner() {
  const translate = useTranslate();
  const { data, isPending, isError } = useQuery({
    queryKey: ['audit-log', 'verify'],
    queryFn: async () => (await httpClient(`${API_URL}/audit-log/verify`)).json as AuditChainState,
    refetchOnMount: 'always',
  });
  if (isPending) return <Alert severity="info" sx={{ mb: 1 }} data-testid="audit-chain">{translate('carescore.audit.chain.checking')}</Alert>;
  if (isError) return <Alert severity="warning" sx={{ mb: 1 }} data-testid="audit-chain">{translate('carescore.audit.chain.unavailable')}</Alert>;
  if (data.broken) {
    const { broken } = data;
    const bySequence = broken.problem === 'entries_missing' || broken.problem === 'sequence_out_of_order';
    return (
      <Alert severity="error" sx={{ mb: 1 }} data-testid="audit-chain" data-state="broken">
        <AlertTitle>{translate('carescore.audit.chain.tampered', { sequence: broken.sequence, id: broken.entryId })}</AlertTitle>
        {translate(`carescore.audit.chain.problems.${broken.problem}`)}{' '}
        {bySequence
          ? translate('carescore.audit.chain.expected_sequence', { expected: broken.expected, found: broken.found })
          : translate('carescore.audit.chain.expected_hash', { expected: short(broken.expected), found: short(broken.found) })}
      </Alert>
    );
  }
  if (!data.head) return <Alert severity="info" sx={{ mb: 1 }} data-testid="audit-chain" data-state="empty">{translate('carescore.audit.chain.empty')}</Alert>;
  return (
    <Alert severity="success" sx={{ mb: 1 }} data-testid="audit-chain" data-state="intact">
      {translate('carescore.audit.chain.intact', { smart_count: data.entries })}
      <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace' }}>
        {translate('carescore.audit.chain.head', { sequence: data.head.sequence, hash: short(data.head.hash ?? '') })}
      </Typography>
    </Alert>
  );
}
