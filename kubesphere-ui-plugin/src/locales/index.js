import en from './en';
import zh from './zh';

// The console merges every extension's locales under its language codes.
export default { en, zh };
