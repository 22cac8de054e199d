import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { App } from './App';
import { LOGIN_PATH } from './providers/authProvider';
import { session } from './providers/session';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// Nobody signed in: start on the login page rather than let react-admin find out and redirect
// (see authProvider.logout for why its in-app redirect is avoided).
if (!session.token() && window.location.pathname !== LOGIN_PATH) {
  if (window.location.pathname !== '/') session.rememberNextPath(`${window.location.pathname}${window.location.search}`);
  window.history.replaceState(null, '', LOGIN_PATH);
}

// Plain URLs (/documents/…/show; the API serves index.html for every path outside /api) through a
// data router, as react-admin's own default (hash) router is, so that navigation blocking works.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
