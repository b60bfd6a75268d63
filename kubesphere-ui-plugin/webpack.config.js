// One SystemJS module, as the KubeSphere console's System.import expects of a JSBundle: the
// console's import map provides React, the router, kubed and the rest (importmap.json), so they
// stay external; the classic JSX transform keeps react/jsx-runtime (not in the map) out.
const path = require('path');
const { externals } = require('./importmap.json');

const plugin = {
  name: 'plugin',
  entry: './src/index.js',
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'index.js',
    library: { type: 'system' },
    clean: true,
  },
  externals: Object.fromEntries(externals.map(name => [name, name])),
  externalsType: 'system',
  module: {
    rules: [{ test: /\.js$/, exclude: /node_modules/, use: 'babel-loader' }],
  },
  optimization: { splitChunks: false },
  performance: { hints: false },
  devtool: false,
};

// The harness's host (harness/host.js): an ordinary script holding what the console provides;
// built unminified (npm run build:harness), for tests and for trying pages against dev mode.
const harness = {
  name: 'harness',
  mode: 'development',
  entry: './harness/host.js',
  output: { path: path.resolve(__dirname, 'dist-harness'), filename: 'host.js', clean: true },
  module: {
    rules: [
      ...plugin.module.rules,
      // kubed's dependencies import 'react/jsx-runtime' from ES modules without an extension (React 17 has no exports map).
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  performance: { hints: false },
  devtool: false,
};

module.exports = [plugin, harness];
