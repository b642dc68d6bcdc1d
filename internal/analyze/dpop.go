package analyze

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/exchange"
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
	r.add(report.Finding{
		Code:     report.RequestSchemeMismatch,
		Severity: report.Error,
		Side:     report.Client,
		Title:    "The token is DPoP-bound (cnf.jkt) but was sent with the Bearer scheme",
		Detail: "The authorization server bound this token to the client's DPoP key (its cnf.jkt is that key's RFC 7638 " +
			"thumbprint). A resource server that supports DPoP refuses such a token presented as Bearer, since accepting " +
			"it would drop the proof of possession the binding is for; the usual answer is 401 with a DPoP challenge.",
		Fix: "Send it as Authorization: DPoP <token>, with a DPoP header holding a fresh proof for this request signed by " +
			"the key whose thumbprint is cnf.jkt (and ath, the token's SHA-256).",
		Evidence: fmt.Sprintf("Authorization: Bearer %s; cnf.jkt=%s", report.Mask(d.Compact, r.s.reveal), report.Clip(jkt, 60)),
		Refs:     []string{"RFC 9449 §7.1", "RFC 9449 §7.2", "RFC 9449 §6.1"},
		Path:     path,
	})
}
