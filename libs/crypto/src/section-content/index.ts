// Typed section content: one schema per section of the catalog, checked
// before anything is sealed (docs/section-content/README.md).
export * from './countries';
export { LINE_MAX, NAME_MAX, NARRATIVE_MAX, NOTE_MAX } from './fields';
export * from './identity';
export * from './contact';
export * from './sogiesc';
export * from './protection';
export * from './health';
export * from './legal';
export * from './family';
export * from './needs';
export * from './schemas';
export * from './content-issues';
export * from './parse-section-content';
export * from './display-name';
export * from './json-schema';
