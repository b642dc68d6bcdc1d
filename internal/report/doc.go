// Package report defines the Report: the one contract between the analysis
// engine and its faces (the browser UI, the CLI's text output, `--json` and
// `window.authdebug.inspect`).
//
// The JSON shape and the finding codes are fixed by the project's REPORT.md:
// field names never change, fields may be added, and absent things are null or
// omitted, never invented. Every finding names what is wrong, who must act
// (client, server or both), how to fix it, the evidence, and the specification
// that says so (RFC 6749, RFC 6750, RFC 7515–7519, RFC 8725, RFC 9110,
// RFC 9449, …).
//
// Credentials never appear in full in a Report unless the caller asked for it
// (`--reveal`): Fingerprint reduces them to a short, recognisable form.
package report
