// Small behaviours shared by the Demo Lizingas pages. No framework; the only requests are the status checks.
//
// [data-step]           the signing/authentication step; data-cancelled and data-restart hold the localized texts.
//                       While it waits, the page asks the (simulated) session status every 3 s, as an integration
//                       polls its backend, and stops when the step is cancelled.
// [data-cancel]         a cancel control inside a step: ends the (simulated) transaction
// [data-cookie-dismiss] a button inside the cookie banner: hides the banner

function cancelStep(step) {
  const message = step.getAttribute('data-cancelled') || 'Cancelled.';
  const restart = step.getAttribute('data-restart') || 'Start again';
  step.replaceChildren();
  const note = document.createElement('p');
  note.className = 'notice notice-neutral';
  note.setAttribute('role', 'status');
  note.textContent = message;
  const again = document.createElement('button');
  again.type = 'button';
  again.className = 'btn btn-secondary mt-1';
  again.textContent = restart;
  again.addEventListener('click', () => location.reload());
  step.append(note, again);
  stopStatusChecks();
  document.dispatchEvent(new CustomEvent('demo:cancelled'));
}

let statusTimer = 0;
function checkStatus() {
  fetch('/api/session-status.json', { cache: 'no-store', headers: { Accept: 'application/json' } })
    .then((r) => r.json())
    .then((answer) => {
      if (statusTimer && answer.status === 'waiting') statusTimer = setTimeout(checkStatus, 3000);
    })
    .catch(() => {
      if (statusTimer) statusTimer = setTimeout(checkStatus, 3000);
    });
}
function stopStatusChecks() {
  clearTimeout(statusTimer);
  statusTimer = 0;
}
if (document.querySelector('[data-step]')) statusTimer = setTimeout(checkStatus, 1000);

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;

  const cancel = target.closest('[data-cancel]');
  if (cancel && !cancel.matches(':disabled')) {
    const step = cancel.closest('[data-step]');
    if (step) {
      event.preventDefault();
      cancelStep(step);
    }
    return;
  }

  const dismiss = target.closest('[data-cookie-dismiss]');
  if (dismiss) {
    const banner = dismiss.closest('.cookie-banner');
    if (banner) banner.hidden = true;
  }
});

window.demoCancelStep = cancelStep;
