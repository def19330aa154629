// @vitest-environment happy-dom
/**
 * The on-page panel's drawing, in a DOM without a browser: it lays out the shared report view (icon + word badges,
 * the code in large digits), a report that arrives during a drag waits for the drag to end (so the panel never
 * jumps out of the user's hand), and removal leaves nothing behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TabReport } from '../../src/audit/types';
import { t } from '../../src/i18n';

// The panel's shadow root is closed; keep a reference to it for the test (the product keeps no such hook).
const roots: ShadowRoot[] = [];
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.push(root);
  return root;
};

let panel: typeof import('../../src/content/panel');

beforeAll(async () => {
  panel = await import('../../src/content/panel');
});

function report(code: string, status: 'pass' | 'fail'): TabReport {
  return {
    url: 'https://shop.example.lt/sign',
    finishedAt: '2026-11-27T21:00:00.000Z',
    timing: { auditMs: 1, nodes: 10 },
    frames: [],
    checks: [
      {
        id: 'control-code',
        status,
        title: 'Control code',
        summary: '',
        live: true,
        findings: [{ severity: 'minor', message: '', target: ['b'], frameUrl: '', evidence: { code } }],
      },
      { id: 'cancel', status: 'pass', title: 'Cancel', summary: '', live: false, findings: [] },
    ],
  };
}

const root = () => roots[roots.length - 1];

describe('on-page panel', () => {
  it('shows the code in large digits and each check as icon and word', () => {
    panel.showPanel(report('0041', 'fail'), 'tovaru-58');
    const host = document.querySelector('wysiwys-auditor-panel') as HTMLElement;
    // Nothing of the panel's state is on its host, where the page could read it.
    expect(host.getAttributeNames().sort()).toEqual(['popover', 'style']);
    expect(host.outerHTML).not.toContain('0041');
    expect(panel.panelProbe()).toMatchObject({ code: '0041', collapsed: false, mark: 'tovaru-58' });
    // The session mark is painted, never text the page could search for.
    expect(root().querySelector('.mark canvas')).not.toBeNull();
    expect(root().textContent).not.toContain('tovaru');
    expect(root().querySelector('.digits')!.textContent).toBe('0041');
    const rows = [...root().querySelectorAll('.row')].map((r) => r.textContent);
    // Titles are worded from the check's id and status (the failure title when it fails), in the panel's language.
    expect(rows[0]).toBe(`✗ Fail${t('en', 'rule_control_code_failureTitle')}`);
    // A check whose step is over says its verdict was last seen.
    expect(rows[1]).toBe(`✓ Pass${t('en', 'rule_cancel_title')} (last seen)`);
  });

  it('holds back a new report while the panel is dragged, and shows it when the drag ends', () => {
    panel.showPanel(report('0041', 'fail'));
    const head = root().querySelector('.head') as HTMLElement;
    head.setPointerCapture ??= () => undefined;
    head.dispatchEvent(new PointerEvent('pointerdown', { clientX: 100, clientY: 100, pointerId: 1, bubbles: true }));
    const before = root().querySelector('.panel');
    panel.updatePanel(report('7777', 'pass'));
    expect(root().querySelector('.panel')).toBe(before);
    expect(root().querySelector('.digits')!.textContent).toBe('0041');
    head.dispatchEvent(new PointerEvent('pointerup', { pointerId: 1, bubbles: true }));
    expect(root().querySelector('.digits')!.textContent).toBe('7777');
  });

  it('comes back when the page removes or restyles its host', () => {
    panel.showPanel(report('0041', 'fail'));
    const host = document.querySelector('wysiwys-auditor-panel') as HTMLElement;
    const style = host.getAttribute('style');
    // (A test DOM has no layout, so the panel may already count as hidden: compare with what was counted before.)
    const before = panel.panelTamperState()?.count ?? 0;
    host.remove();
    host.setAttribute('style', 'display:none');
    host.dataset.spy = '1';
    const states: unknown[] = [];
    panel.onPanelTamper((surface, state) => states.push({ surface, state }));
    panel.updatePanel(report('0041', 'fail'));
    expect(host.isConnected).toBe(true);
    expect(host.getAttribute('style')).toBe(style);
    expect(host.hasAttribute('data-spy')).toBe(false);
    expect(panel.panelTamperState()).toMatchObject({ count: before + 1 });
    expect(states.at(-1)).toMatchObject({ surface: 'panel', state: { count: before + 1 } });
  });

  it('goes away completely', () => {
    panel.removePanel();
    expect(document.querySelector('wysiwys-auditor-panel')).toBeNull();
    expect(panel.isPanelShown()).toBe(false);
  });
});
