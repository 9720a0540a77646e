import { defineConfig } from 'wxt';

/**
 * Public half of the key that fixes the extension id in Chrome to
 * `hmeffnijjfdihjehnknmnpchohkdjmkd` (used by managed policy files and the end-to-end tests).
 * The private half is not needed: the extension is loaded unpacked or packed by the store.
 */
const PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAm4JCOwyU1NVpdNor+qAK4Qk8bIkWUYHccbrSOaVZfrz6mLpNqO+1JE8HVwoJtEfFiJPmoJrfh62Fmfm8uLV2Sgt96SJu3sS5H9r/f7arzEtA23UQhFZ1YCGZgcpT+Fa7NG6iVOu+pwWhONwcADRUQiC5/rBGHqmNvfXyXrpb/jBYro7qptTKSyCjspsrxfBd5I1jWAKthxkBjUbrvWsD3ti/nVmOns849rcldiBO1b26FbT90ZjATC3ASHBI1BEP1HPdIzIJ6qlqd5VNrJBYosJYY2CFxtui8VDGFQqHAuCDx/cr3sPDiL6L6b3jccs8buPkIqpEbvZRDMyFMMW4VQIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage'],
    action: { default_title: '__MSG_extName__' },
    icons: { 16: 'icon/16.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'clientguard@clientguard.example',
              strict_min_version: '140.0',
              // Everything stays in the browser: the log is local, nothing is sent anywhere.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { key: PUBLIC_KEY, storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
