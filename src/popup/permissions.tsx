/**
 * What "Audit this site" asks for, and why, shown before the browser's own prompt: access to the site (and the
 * Dokobit gateways it embeds), observing its requests (webRequest) and its navigation (webNavigation). None of them
 * is asked at install. When the site is granted but the network permissions are not (taken away later, or granted
 * by an older version), a notice says what is not observed and offers to ask again.
 * Catalogue keys popup_permission_<name>.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { NETWORK_PERMISSIONS } from '../shared/permissions';
import type { Messages } from '../i18n/messages';
import { permissionStrings } from './permission-strings';

const localized = (messages: Messages) => messages.localize(permissionStrings, 'popup_permission');

/**
 * Asks for the site and the network permissions in one prompt. Call it synchronously in the click handler (before any
 * await): the browser accepts permission requests only during a user gesture.
 */
export function requestSiteAccess(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins, permissions: [...NETWORK_PERMISSIONS] });
}

/** The permissions "Audit this site" will ask for, each with what it is for. */
export function PermissionExplanations({ messages }: { messages: Messages }) {
  const s = useMemo(() => localized(messages), [messages]);
  return (
    <div class="meta permissions" id="permission-explanations">
      {s.intro}
      <ul>
        <li data-permission="site">{s.site}</li>
        <li data-permission="webRequest">{s.webRequest}</li>
        <li data-permission="webNavigation">{s.webNavigation}</li>
      </ul>
    </div>
  );
}

/** For a granted site: says so when requests and navigation are not observed, and asks for them on a click. */
export function NetworkPermissionNotice({ messages }: { messages: Messages }) {
  const s = useMemo(() => localized(messages), [messages]);
  const [granted, setGranted] = useState<boolean | null>(null);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    const read = () =>
      void browser.permissions.contains({ permissions: [...NETWORK_PERMISSIONS] }).then(setGranted, () => setGranted(false));
    read();
    browser.permissions.onAdded.addListener(read);
    browser.permissions.onRemoved.addListener(read);
    return () => {
      browser.permissions.onAdded.removeListener(read);
      browser.permissions.onRemoved.removeListener(read);
    };
  }, []);
  if (granted !== false) return null;
  const ask = () => {
    // First statement of the click handler: the request must run within the user gesture.
    void browser.permissions.request({ permissions: [...NETWORK_PERMISSIONS] }).then(
      (ok) => {
        setGranted(ok);
        setDenied(!ok);
      },
      () => setDenied(true),
    );
  };
  return (
    <div class="network-permission" id="network-permission" role="status">
      <div>{s.notObserved}</div>
      <button type="button" id="allow-network" onClick={ask}>
        {s.allowNetwork}
      </button>
      <ul class="meta">
        <li data-permission="webRequest">{s.webRequest}</li>
        <li data-permission="webNavigation">{s.webNavigation}</li>
      </ul>
      {denied && <div class="meta">{s.denied}</div>}
    </div>
  );
}
