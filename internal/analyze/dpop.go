package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/authz"
	"github.com/authdebug/authdebug/internal/dpop"
	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// dpopAsBearer flags a DPoP-bound access token (cnf.jkt, RFC 9449 §6) sent
// with the Bearer scheme: a resource server that knows DPoP refuses the
// downgrade, and one that does not would accept a stolen token without the
// proof of possession the binding exists for.
func (r *run) dpopAsBearer(ex int, req *exchange.Request, c exchange.Credential, d *token.Decoded) {
	if d == nil || d.Payload == nil {
		return
	}
	cnf, _ := d.Payload["cnf"].(map[string]any)
	jkt, _ := cnf["jkt"].(string)
	if jkt == "" {
		return
	}
	path := r.headerPath(ex, req, "authorization", c.Value)
	if path == "" {
		path = fmt.Sprintf("tokens[%d].payload.cnf.jkt", d.Index)
	}
	r.add(report.New(
		report.RequestSchemeMismatch,
		report.Error,
		report.Client,
		"The token is DPoP-bound (cnf.jkt) but was sent with the Bearer scheme",
		report.Detail("The authorization server bound this token to the client's DPoP key (its cnf.jkt is that key's RFC 7638 "+
			"thumbprint). A resource server that supports DPoP refuses such a token presented as Bearer, since accepting "+
			"it would drop the proof of possession the binding is for; the usual answer is 401 with a DPoP challenge."),
		report.Fix("Send it as Authorization: DPoP <token>, with a DPoP header holding a fresh proof for this request signed by "+
			"the key whose thumbprint is cnf.jkt (and ath, the token's SHA-256)."),
		report.Evidence(fmt.Sprintf("Authorization: Bearer %s; cnf.jkt=%s", report.Mask(d.Compact, r.s.reveal), report.Clip(jkt, 60))), "RFC 9449 §7.1", "RFC 9449 §7.2", "RFC 9449 §6.1").At(path))
}

// maxProofChecks bounds the DPoP proofs checked in one paste (a HAR has one
// per request; the refused ones and the primary exchange matter).
const maxProofChecks = 20

// dpopProofs checks the DPoP proof of every request that sent one or used
// the DPoP scheme (RFC 9449 §4.3): the primary exchange, and the others
// that were refused or got no answer.
func (r *run) dpopProofs() {
	checked := 0
	for i, e := range r.exs {
		req := e.Request
		if req == nil || checked >= maxProofChecks {
			continue
		}
		if i != r.primary && e.Response != nil && e.Response.Status != 0 && e.Response.Status != 400 && e.Response.Status != 401 && e.Response.Status != 403 {
			continue
		}
		in := dpop.Input{Proofs: exchange.Values(req.Headers, "DPoP"), Method: req.Method, URL: req.URL}
		authValue, hasAuth := req.Header("Authorization")
		if hasAuth {
			cr, _ := authz.Parse(authValue, -1, r.s.reveal)
			in.Scheme, in.AccessToken = cr.Canonical, cr.Credential
			in.AuthPath, in.AuthSpan = r.headerAt(i, req, "authorization", authValue)
		}
		if len(in.Proofs) == 0 && in.Scheme != "DPoP" {
			continue
		}
		key := "dpop\x00" + strings.Join(in.Proofs, "\x00") + "\x00" + authValue + "\x00" + req.Method + " " + req.URL
		if r.seen[key] {
			continue
		}
		r.seen[key] = true
		checked++
		in.Host, _ = req.Header("Host")
		if in.Host == "" {
			in.Host, _ = req.Header(":authority")
		}
		if t, ok := e.Response.Date(); ok {
			in.ServerTime = &t
		}
		if len(in.Proofs) > 0 {
			in.Path, in.Span = r.headerAt(i, req, "dpop", in.Proofs[0])
		}
		if in.AccessToken != "" {
			for _, d := range r.decoded {
				if d != nil && d.Payload != nil && d.Compact == strings.TrimSpace(in.AccessToken) {
					cnf, _ := d.Payload["cnf"].(map[string]any)
					in.JKT, _ = cnf["jkt"].(string)
				}
			}
		}
		opts := keys.Options{Verifier: r.s.verifier}
		in.Verify = func(proof string) keys.OwnKey { return keys.VerifyWithOwnJWK(r.ctx, proof, opts) }
		r.add(dpop.Check(in)...)
	}
}
