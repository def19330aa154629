/// <reference types="vite/client" />

// @crxjs/vite-plugin: `?script` imports resolve to the built file name of a content script.
declare module '*?script' {
  const fileName: string;
  export default fileName;
}
