// One SystemJS module, as the KubeSphere console's System.import expects of a JSBundle: the
// console's import map provides React, the router, kubed and the rest (importmap.json), so they
// stay external; the classic JSX transform keeps react/jsx-runtime (not in the map) out.
const path = require('path');
const { externals } = require('./importmap.json');

module.exports = {
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
