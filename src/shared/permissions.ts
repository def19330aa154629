/**
 * The optional API permissions: asked for with "Audit this site" (together with the site's host access), never at
 * install. webNavigation would show "Read your browsing history" in the install prompt; webRequest is useless
 * without host access. No extension API here: the popup and the worker both import it (a shared module, not a shell's).
 */
import type { NetworkPermission } from '../audit';

export type { NetworkPermission };

/** What the network timeline needs: requests (status checks, failures) and navigations (redirects, landings). */
export const NETWORK_PERMISSIONS: readonly NetworkPermission[] = ['webRequest', 'webNavigation'];
