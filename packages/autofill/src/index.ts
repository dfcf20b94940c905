export * from './binding-entry.js';
export * from './dom.js';
