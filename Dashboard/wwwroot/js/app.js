// Small browser helpers the components call through JS interop.
window.antiFraud = {
  // The theme choice survives reloads and new circuits; read by the server on the next request.
  rememberTheme(theme) {
    document.cookie = `afc-theme=${encodeURIComponent(theme)}; path=/; max-age=31536000; samesite=lax`;
    document.body.classList.toggle('theme-dark', theme === 'dark');
    document.body.classList.toggle('theme-light', theme !== 'dark');
  },
};

// Wall clocks show China time whatever the browser's zone, ticking in the browser (no server round trip per second).
(function chinaClocks() {
  const format = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  setInterval(() => {
    const now = new Date();
    document.documentElement.dataset.beat = now.getSeconds() % 2 ? '1' : '0';
    const text = format.format(now).replace(/\//g, '-');
    document.querySelectorAll('[data-china-clock]').forEach(el => { el.textContent = `${el.dataset.chinaClock} ${text}`; });
  }, 1000);
})();

// A wall screen must come back by itself: Blazor retries the connection; if the server no longer knows this circuit (it restarted)
// or the retries ran out, reload the page, which starts a new circuit and reads the figures afresh.
document.addEventListener('DOMContentLoaded', () => {
  const panel = document.getElementById('components-reconnect-modal');
  if (!panel) return;
  panel.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail && event.detail.state;
    if (state === 'rejected') location.reload();
    if (state === 'failed') setTimeout(() => location.reload(), 5000);
  });
});

