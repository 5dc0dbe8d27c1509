// Small browser helpers the components call through JS interop.
window.antiFraud = {
  // The theme choice survives reloads and new circuits; read by the server on the next request.
  rememberTheme(theme) {
    document.cookie = `afc-theme=${encodeURIComponent(theme)}; path=/; max-age=31536000; samesite=lax`;
    document.body.classList.toggle('theme-dark', theme === 'dark');
    document.body.classList.toggle('theme-light', theme !== 'dark');
  },
};
