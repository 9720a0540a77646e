import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../utils/background/main';

export default defineBackground(() => {
  createBackground(browser);
});
