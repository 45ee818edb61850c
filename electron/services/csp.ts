// The one Content-Security-Policy, sent by the browser host and set by the Electron shell:
// no eval, no remote code, the API only on the app's own origin. antd's CSS-in-JS needs
// inline styles; nothing needs inline scripts.
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
  "frame-ancestors 'none'",
].join('; ');
