import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startGuard } from '../../utils/content/guard';
import { createContentEnv } from '../../utils/content/env';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
  main(ctx) {
    startGuard(createContentEnv(browser, window, ctx));
  },
});
