import SettingsIcon from '@mui/icons-material/Settings';
import { Box, Chip, IconButton, Tooltip, Typography } from '@mui/material';
import { AppBar as RaAppBar, LoadingIndicator, LocalesMenuButton, TitlePortal, useCanAccess, useGetIdentity, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { INSTITUTION_PATH } from '../institution';
import { NotificationBell } from '../notifications/NotificationBell';

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

/** Admins reach the institution's settings (time zone, appeal window) from here. */
function InstitutionSettingsLink() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'institution', action: 'edit' });
  if (!canAccess) return null;
  const label = translate('carescore.institution.menu');
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" component={Link} to={INSTITUTION_PATH} aria-label={label} data-testid="institution-settings">
        <SettingsIcon />
      </IconButton>
    </Tooltip>
  );
}

export function AppBar() {
  return (
    <RaAppBar
      toolbar={
        <>
          <WhoAmI />
          <NotificationBell />
          <InstitutionSettingsLink />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
    </RaAppBar>
  );
}
