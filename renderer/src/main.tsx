import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BlueprintProvider } from '@blueprintjs/core';
import '@blueprintjs/core/lib/css/blueprint.css';
import '@blueprintjs/icons/lib/css/blueprint-icons.css';
import './app/app.css';
import { App } from './app/App';
import { reportErrorsToCore } from './api/report-errors';

reportErrorsToCore();

// Dark mode follows the system: Blueprint draws its components dark under .bp6-dark (on the body, so
// dialogs and popovers in portals follow too); app.css turns the workbench's own surfaces by the same
// media query. A change of the system setting applies at once.
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const applyScheme = () => document.body.classList.toggle('bp6-dark', dark.matches);
applyScheme();
dark.addEventListener('change', applyScheme);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BlueprintProvider>
      <App />
    </BlueprintProvider>
  </StrictMode>,
);
