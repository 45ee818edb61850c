// The renderer's entry: start in the remembered language and mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyLanguage } from './i18n/applyLanguage';
import { i18n } from './i18n/instance';
import { Root } from './Root';
import { useAppStore } from './store/useAppStore';
import './styles.css';

applyLanguage(i18n, useAppStore.getState().language);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root i18n={i18n} />
  </StrictMode>,
);
