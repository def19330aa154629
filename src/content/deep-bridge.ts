/**
 * Deep inspection's bridge, in our isolated world: creates a MessageChannel, keeps one port for the content script
 * and hands the other to the page-world observer (deep-inspection.ts) in one synchronous event. It runs only at
 * document_start, before any page script exists to listen, so only our observer can hold that port.
 */
import { DEEP_BRIDGE_KEY, DEEP_PORT_EVENT, DEEP_READY_EVENT } from '../shared/messages';

export interface DeepBridge {
  port: MessagePort;
  since: number;
}

/** Opens the bridge (once per document), if the document has not started running its own scripts. */
export function openDeepBridge(): void {
  const w = window as unknown as Record<string, DeepBridge | undefined>;
  if (w[DEEP_BRIDGE_KEY] || document.readyState !== 'loading') return;
  const channel = new MessageChannel();
  w[DEEP_BRIDGE_KEY] = { port: channel.port1, since: Date.now() };
  // The observer takes the port by cancelling the event.
  const handOver = () => !document.dispatchEvent(new MessageEvent(DEEP_PORT_EVENT, { ports: [channel.port2], cancelable: true }));
  if (handOver()) return;
  // The observer has not run yet (the browser runs the two document_start scripts in either order): answer its call,
  // but only until the parser inserts a first node. Mutation records are delivered at the microtask checkpoint the
  // parser performs before it runs any page script, so the window is shut before the page could call.
  const close = () => {
    document.removeEventListener(DEEP_READY_EVENT, onReady, true);
    watch.disconnect();
  };
  const onReady = () => {
    if (handOver()) close();
  };
  const watch = new MutationObserver(close);
  watch.observe(document, { childList: true, subtree: true });
  document.addEventListener(DEEP_READY_EVENT, onReady, true);
}

/** The bridge's port, for the content script (undefined: deep inspection is off for this site). */
export function deepBridge(): DeepBridge | undefined {
  return (window as unknown as Record<string, DeepBridge | undefined>)[DEEP_BRIDGE_KEY];
}
