// DPoP nonces: use_dpop_nonce and DPoP-Nonce (RFC 9449 §8, §9).

package exchange

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/report"
)

func (d *diag) dpopNonce(k int, resp *Response, errs []bearerError) {
	nonce, hasNonce := resp.Header("DPoP-Nonce")
	var use *bearerError
	for i := range errs {
		if errs[i].code == "use_dpop_nonce" {
			use = &errs[i]
			break
		}
	}
	ni := headerIndex(resp.Headers, "DPoP-Nonce")
	switch {
	case use != nil:
		f := report.Finding{
			Code:     report.ResponseDPoPNonce,
			Severity: report.Error,
			Side:     report.Client,
			Detail: "RFC 9449: the server wants every DPoP proof to carry a nonce it issued, which limits the use of " +
				"pre-generated proofs. The first request without the current nonce is expected to fail this way; the client " +
				"retries once with a new proof.",
			Evidence: use.evidence(),
			Refs:     []string{"RFC 9449 §8", "RFC 9449 §9"},
			Path:     d.errPath(k, *use, "error"),
			Span:     spanOf(resp.Span),
		}
		if hasNonce && nonce != "" {
			f.Title = fmt.Sprintf("The server requires a DPoP nonce: resend the proof with nonce %q", nonce)
			f.Fix = fmt.Sprintf("Create a new DPoP proof JWT whose \"nonce\" claim is %q (with a fresh jti and iat, and ath for "+
				"the access token) and resend the request; keep using the latest DPoP-Nonce the server sends.", nonce)
			f.Evidence += "; DPoP-Nonce: " + nonce
			f.Path = d.path(k, fmt.Sprintf("response.headers[%d]", ni))
			if s := resp.Headers[ni].ValueSpan; s.End > 0 {
				f.Span = &s
			}
		} else {
			f.Title = "The server requires a DPoP nonce (use_dpop_nonce) but sent no DPoP-Nonce header"
			f.Side = report.Both
			f.Detail += " RFC 9449 §8 and §9 require the server to send the nonce to use in a DPoP-Nonce header with this error; it is missing here."
			f.Fix = "Server: send DPoP-Nonce with every use_dpop_nonce error; client: put the value of DPoP-Nonce in the " +
				"\"nonce\" claim of a new DPoP proof and resend the request."
		}
		d.add(f)
	case hasNonce && nonce != "":
		f := report.New(
			report.ResponseDPoPNonce,
			report.Info,
			report.Client,
			fmt.Sprintf("The server supplied a DPoP nonce for the next proof: %q", nonce),
			"RFC 9449: a DPoP-Nonce header gives the nonce the next DPoP proof sent to this server must carry.",
			"Put this value in the \"nonce\" claim of the next DPoP proof you send to this server.",
			report.Evidence("DPoP-Nonce: "+nonce), "RFC 9449 §8.2", "RFC 9449 §9").At(d.path(k, fmt.Sprintf("response.headers[%d]", ni)))
		if s := resp.Headers[ni].ValueSpan; s.End > 0 {
			f.Span = &s
		}
		d.add(f)
	}
}
