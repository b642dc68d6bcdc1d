// Package analyze ties the engine together: it detects what was pasted,
// parses every part (tokens, Authorization headers, HTTP exchanges, curl
// transcripts and commands, HAR exports, WWW-Authenticate values, keys),
// checks tokens (RFC 7519, RFC 8725), signatures (RFC 7515, RFC 7517),
// challenges (RFC 9110 §11, RFC 6750 §3) and clocks, connects the request to
// the response, and returns one Report (see package report).
//
// The clock and the key fetcher are inputs: Run never reads the system clock
// and never touches the network itself.
package analyze
