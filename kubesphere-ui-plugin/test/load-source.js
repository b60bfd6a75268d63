// The plugin's sources, compiled for Node as the tests import them (the bundle is tested apart).
process.env.BABEL_ENV = 'test';
require('@babel/register')({ only: [/[/\\]src[/\\]/], extensions: ['.js'] });
