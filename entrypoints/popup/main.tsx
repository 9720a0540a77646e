import { render } from 'preact';
import browser from 'webextension-polyfill';
import { LogView } from '../../components/LogView';
import { createLogSource } from '../../utils/log/source';

const app = document.getElementById('app');
if (app)
  render(
    <LogView source={createLogSource(browser)} t={(k, s) => browser.i18n.getMessage(k, s)} />,
    app,
  );
