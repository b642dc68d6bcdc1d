package keys

import (
	"context"
	"fmt"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// OwnKey is the outcome of VerifyWithOwnJWK.
type OwnKey struct {
	// Verified says the signature verifies with the jwk of the JWS's own
	// header.
	Verified bool
	// Thumbprint is the RFC 7638 SHA-256 thumbprint (base64url) of that
	// jwk, when it loaded.
	Thumbprint string
	// Private says the jwk holds private key members ("d", …).
	Private bool
	// Fault says which part failed ("" when Verified), and Problem how.
	Fault   OwnKeyFault
	Problem string
}

// OwnKeyFault is the part of a JWS that kept VerifyWithOwnJWK from
// verifying it.
type OwnKeyFault string

const (
	// FaultHeader: the header does not decode, or has no jwk object.
	FaultHeader OwnKeyFault = "header"
	// FaultJWK: the jwk is not a usable public key.
	FaultJWK OwnKeyFault = "jwk"
	// FaultAlg: alg is missing, none, symmetric or not a JWS algorithm.
	FaultAlg OwnKeyFault = "alg"
	// FaultSignature: the signature does not verify with the jwk (or the
	// jwk does not fit the alg, or the segments are damaged).
	FaultSignature OwnKeyFault = "signature"
	// FaultUnsupported: this build could not make the check (no verifier,
	// an algorithm it lacks); nothing is known about the signature.
	FaultUnsupported OwnKeyFault = "unsupported"
)

// VerifyWithOwnJWK checks a compact JWS against the public key in its own
// "jwk" header, as a DPoP proof is checked (RFC 9449 §4.3 steps 5-7): the
// key proves only possession, not identity, so this is no substitute for
// Verify with trusted keys. Only asymmetric algorithms count: a jwk header
// with a shared secret, HS* or "none" is a Problem. It never panics.
func VerifyWithOwnJWK(ctx context.Context, compact string, opts Options) (res OwnKey) {
	if ctx == nil {
		ctx = context.Background()
	}
	defer func() {
		if p := recover(); p != nil {
			res = OwnKey{Fault: FaultUnsupported, Problem: fmt.Sprintf("the check failed internally (%v)", p)}
		}
	}()
	r := &vrun{ctx: ctx, tok: Token{Compact: compact}, opts: opts}
	r.header = decodeHeaderUnverified(compact)
	if r.header == nil {
		return OwnKey{Fault: FaultHeader, Problem: "its header is not base64url-encoded JSON"}
	}
	m, ok := r.header["jwk"].(map[string]any)
	if !ok {
		if _, present := r.header["jwk"]; present {
			return OwnKey{Fault: FaultHeader, Problem: "its jwk header is not a JSON object"}
		}
		return OwnKey{Fault: FaultHeader, Problem: "its header has no jwk (the public key it is signed with)"}
	}
	for _, mem := range jwk.PrivateMembers(fmt.Sprint(m["kty"])) {
		if _, has := m[mem]; has {
			res.Private = true
		}
	}
	l := &loader{ctx: ctx, opts: opts, set: &Set{urlSource: map[string]string{}, refetched: map[string]bool{}}}
	l.parseJWK(m, "the jwk in the header", where{source: "token-header", origin: "the header", name: "the jwk header", offset: -1}, nil, "token-header")
	if len(l.set.entries) == 0 {
		res.Fault, res.Problem = FaultJWK, "its jwk does not load"
		if len(l.findings) > 0 {
			res.Problem += ": " + l.findings[0].Title
		}
		return res
	}
	e := l.set.entries[0]
	res.Thumbprint = e.ref.Thumbprint
	alg, _ := r.header["alg"].(string)
	info, known := lookupAlg(alg)
	switch {
	case alg == "" || alg == "none":
		res.Fault, res.Problem = FaultAlg, fmt.Sprintf("its alg is %q, not an asymmetric signature algorithm", alg)
		return res
	case !known:
		res.Fault, res.Problem = FaultAlg, fmt.Sprintf("its alg %q is not a JWS signature algorithm", alg)
		return res
	case info.scheme == schemeHMAC || e.kty == ktyOct:
		res.Fault, res.Problem = FaultAlg, "it uses a shared secret ("+alg+", kty "+e.kty+"), where an asymmetric key is required"
		return res
	case !info.supported():
		res.Fault, res.Problem = FaultUnsupported, "this build cannot check "+alg+" signatures"
		return res
	case opts.Verifier == nil:
		res.Fault, res.Problem = FaultUnsupported, "this build has no verifier for "+alg+" signatures"
		return res
	}
	r.alg, r.info = alg, info
	if p := r.parseCompact(); p != "" {
		res.Fault, res.Problem = FaultSignature, p
		return res
	}
	if why := r.fits(e); why != "" {
		res.Fault, res.Problem = FaultSignature, why
		return res
	}
	ok, err := r.check(e)
	switch {
	case err != nil:
		res.Fault, res.Problem = FaultUnsupported, "the verifier could not check it: "+err.Error()
	case !ok:
		res.Fault, res.Problem = FaultSignature, "the "+alg+" signature does not verify with the jwk in its header"
	default:
		res.Verified = true
	}
	return res
}
