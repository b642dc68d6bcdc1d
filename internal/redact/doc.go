// Package redact removes from a paste what the engine recognised as
// credentials and signatures (report.Report.Redactions) before the paste is
// shared: the share link of the page, the copied Markdown report and
// `authdebug inspect --redact` all go through Text, so each removes exactly
// what the analysis found, and Summary says what that was.
//
// A JWS keeps its header and payload (what the reader of a share wants to
// see) and loses its signature (RFC 7515 §7.1), so it can no longer be
// replayed; a JWE keeps only its protected header (RFC 7516 §7.1); an
// opaque token, a password, an API key, a cookie, a client secret or a
// refresh token loses its whole value. Each removed range becomes a marker
// such as ‹signature-removed›: it is no base64url, so it can never be
// taken for a credential, and it holds no space or quote, so a header, a
// query or a command line around it still parses.
package redact
