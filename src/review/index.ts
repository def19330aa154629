/** Review mode: the review model, its one renderer (view, HTML, Markdown, JSON) and the JSON import. */
export * from './model';
export * from './strings';
export * from './render';
export * from './import';
