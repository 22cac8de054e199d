import { Box } from '@mui/material';
import { Login, LoginForm, LocalesMenuButton } from 'react-admin';

/** react-admin's sign-in form (email and password) with the language switch above it. */
export function LoginPage() {
  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
        <LocalesMenuButton />
      </Box>
      <LoginForm />
    </Login>
  );
}
