// Package token decodes JWS and JWE compact serialisations without verifying
// them, as damaged as they are pasted, and explains what is wrong with them.
//
// It follows RFC 7515 §3.1 and §7.1 (JWS compact serialisation, base64url
// without padding as defined in RFC 7515 §2), RFC 7516 §7.1 and §9 (JWE
// compact serialisation, telling JWS and JWE apart), RFC 7519 (JWT; nested
// tokens, cty "JWT", §5.2), RFC 7797 (unencoded payloads, b64=false) and the
// best current practices of RFC 8725 (alg "none" §3.1, keys carried in the
// header §3.10, explicit typing §3.11).
//
// Decoding parses as much as possible: every segment that decodes is shown
// even when another does not, and each problem is a report.Finding that says
// which segment is wrong and why. Nothing here verifies a signature: the
// signature of every token is reported "unverified" (the keys package judges
// it), and the names of functions that skip verification say so
// (DecodeUnverified). Time and claim checks are delegated to package claims.
//
// Bad input never panics and costs time and memory linear in its size: JSON
// nesting is bounded (MaxDepth), nested tokens are followed at most
// MaxNesting levels, and credentials appear only as report.Fingerprint values
// unless Options.Reveal is set.
package token
