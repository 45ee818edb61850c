// The one Content-Security-Policy: in renderer/index.html's <meta> (all Electron has for a
// file:// page) and, with frame-ancestors, as the browser host's header. No eval, no remote
// code, the API only on the app's own origin. antd's CSS-in-JS needs inline styles; nothing
// needs inline scripts.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** As the HTTP header (browser host): frame-ancestors works only as a header, never in <meta>. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
