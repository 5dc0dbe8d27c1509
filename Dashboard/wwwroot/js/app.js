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
    const text = format.format(new Date()).replace(/\//g, '-');
    document.querySelectorAll('[data-china-clock]').forEach(el => { el.textContent = `${el.dataset.chinaClock} ${text}`; });
  }, 1000);
})();
