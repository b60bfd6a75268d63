import locales from './locales';

// In the console, the global t() reads the merged locales of the user's language; elsewhere (the
// harness, tests) these words are read here, in the language of the document.
export function t(key, params = {}) {
  if (typeof globalThis.t === 'function') {
    return globalThis.t(key, params);
  }
  const language = (globalThis.document && globalThis.document.documentElement.lang) || 'en';
  const words = locales[language.startsWith('zh') ? 'zh' : 'en'];
  const text = words[key] !== undefined ? words[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] !== undefined ? String(params[name]) : whole));
}
