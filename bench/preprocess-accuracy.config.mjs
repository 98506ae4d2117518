// `npm run measure:preprocess`: the preprocess measurement (bench/preprocess-accuracy.browser.test.ts)
// in the same Chromium setup as the browser tests, allowed to write its table to
// bench/preprocess-accuracy.md and .json.
import { filePlugin } from '@web/test-runner-commands/plugins';
import config from '../web-test-runner.config.mjs';

export default {
  ...config,
  files: ['bench/preprocess-accuracy.browser.test.ts'],
  plugins: [...config.plugins, filePlugin()],
  reporters: config.reporters.slice(0, 2),
};
