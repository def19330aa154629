/**
 * The vendors' sandbox test identities, for the "test data" card: an integrator runs the flows with them during a
 * review. Sources: SK Smart-ID test accounts and MID test numbers, Dokobit examples (domain.md §1.4, §2.3, §3.1).
 * They work only against sandbox / demo hosts; the card warns when the page is on a production host.
 */
import { PRODUCTION_HOSTS } from '../audit';

export interface TestIdentity {
  method: 'Smart-ID' | 'Mobile-ID';
  country: 'LT' | 'LV' | 'EE';
  /** Personal code or document number to type in. */
  code: string;
  /** Phone number, for Mobile-ID. */
  phone?: string;
  /** What the sandbox answers. */
  result: string;
  source: string;
}

export const TEST_IDENTITIES: TestIdentity[] = [
  { method: 'Smart-ID', country: 'LT', code: '30303039914', result: 'OK (QUALIFIED OK1 TESTNUMBER)', source: 'Dokobit article 542' },
  { method: 'Smart-ID', country: 'EE', code: '30303039914', result: 'OK', source: 'SK test accounts (older identity-number tests)' },
  { method: 'Smart-ID', country: 'LT', code: '30403039917', result: 'USER_REFUSED', source: 'SK test accounts' },
  { method: 'Smart-ID', country: 'EE', code: '30403039983', result: 'TIMEOUT', source: 'SK test accounts' },
  { method: 'Smart-ID', country: 'LV', code: '030303-10012', result: 'OK', source: 'SK test accounts' },
  { method: 'Smart-ID', country: 'LV', code: '030403-10016', result: 'USER_REFUSED', source: 'SK test accounts' },
  {
    method: 'Smart-ID',
    country: 'EE',
    code: 'PNOEE-50001029996-DEMO-Q',
    result: 'OK (RP API v3 notification flow)',
    source: 'SK test accounts (v3)',
  },
  {
    method: 'Smart-ID',
    country: 'LT',
    code: 'PNOLT-50001029996-DEMO-Q',
    result: 'OK (RP API v3 notification flow)',
    source: 'SK test accounts (v3)',
  },
  {
    method: 'Mobile-ID',
    country: 'LT',
    code: '50001018865',
    phone: '+37060000666',
    result: 'OK',
    source: 'Dokobit article 539; SK MID wiki',
  },
  { method: 'Mobile-ID', country: 'EE', code: '60001019906', phone: '+37200000766', result: 'OK', source: 'Dokobit examples; SK MID wiki' },
  {
    method: 'Mobile-ID',
    country: 'EE',
    code: '60001018800',
    phone: '+37200000566',
    result: 'OK (PNOEE certificate)',
    source: 'SK MID wiki',
  },
];

/** Production hosts of Dokobit and SK: test identities do not work there (domain.md §3.1, §1.3). */
export function isProductionHost(host: string): boolean {
  return PRODUCTION_HOSTS.test(host);
}
