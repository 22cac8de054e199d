import { Box, Chip, Typography } from '@mui/material';
import { AppBar as RaAppBar, LoadingIndicator, LocalesMenuButton, TitlePortal, useGetIdentity, useTranslate } from 'react-admin';

/** The signed-in user's institution and role, beside the language switch. */
function WhoAmI() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  return (
    <Box sx={{ display: { xs: 'none', md: 'flex' }, alignItems: 'center', gap: 1, mr: 1 }}>
      <Typography variant="body2" data-testid="institution-name">
        {String(identity.institutionName ?? '')}
      </Typography>
      <Chip size="small" color="secondary" data-testid="role-chip" label={translate(`carescore.roles.${String(identity.role)}`)} />
    </Box>
  );
}

export function AppBar() {
  return (
    <RaAppBar
      toolbar={
        <>
          <WhoAmI />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
    </RaAppBar>
  );
}
