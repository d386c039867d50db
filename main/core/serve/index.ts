export { isLoopbackAddress, LOOPBACK, MAX_BODY_BYTES, newToken, serveContentSecurityPolicy, startServe, type RunningServer, type ServeOptions } from './server';
export { contentSecurityPolicy, mimeType, resolveStaticPath, responseHeaders } from './web-policy';
export { cannotOpen, openInBrowser, opener } from './open';
