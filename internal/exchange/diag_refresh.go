// Refresh-token reuse: a refresh token sent to the token endpoint a second
// time after an earlier refresh with it, answered invalid_grant. With
// refresh-token rotation (RFC 9700 §4.14.2, RFC 6749 §6) each refresh
// returns a new refresh token and invalidates the old one; replaying it is
// refused, and some servers then revoke the whole token family.

package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

func (d *diag) refreshReuse(exs []Exchange) {
	first := map[string]int{}
	for k, ex := range exs {
		req, resp := ex.Request, ex.Response
		if req == nil || !strings.EqualFold(formParam(req, "grant_type"), "refresh_token") {
			continue
		}
		rt := formParam(req, "refresh_token")
		if rt == "" {
			continue
		}
		j, seen := first[rt]
		if !seen {
			first[rt] = k
			continue
		}
		if resp == nil || resp.Status < 400 || !strings.Contains(resp.Body, "invalid_grant") {
			continue
		}
		earlier := "an earlier request"
		if r := exs[j].Response; r != nil && r.Status >= 200 && r.Status < 300 {
			earlier = fmt.Sprintf("exchange %d, which succeeded (HTTP %d) and so rotated it", j+1, r.Status)
		} else if r != nil {
			earlier = fmt.Sprintf("exchange %d (HTTP %d)", j+1, r.Status)
		}
		f := report.New(report.ResponseRefreshTokenReused, report.Error, report.Client,
			fmt.Sprintf("The refresh token was used a second time and refused (invalid_grant): it had already been used in exchange %d", j+1),
			report.Detail("The same refresh token went to the token endpoint in "+earlier+" and again in exchange "+fmt.Sprint(k+1)+". "+
				"With refresh-token rotation each refresh returns a new refresh token and invalidates the one used, so the second use is refused; "+
				"many servers then revoke the whole token family as a possible theft (RFC 9700 §4.14.2). The usual cause is two refreshes at once "+
				"(several tabs, parallel API calls each refreshing on a 401) or a client that keeps the old refresh token instead of storing the new one."),
			"Store the refresh_token returned by every refresh and use only the newest; make refreshing single-flight (one refresh at a time, other callers wait for its result). If the family was revoked, sign in again.",
			report.Evidence(fmt.Sprintf("refresh_token %s in exchanges %d and %d; %s", report.Fingerprint(rt), j+1, k+1, statusLine(resp))),
			"RFC 6749 §6", "RFC 9700 §4.14.2").At(d.path(k, "request.body")).Within(spanOf(req.Span))
		// It replaces the generic invalid_grant finding of that exchange.
		prefix := d.path(k, "")
		for i := range d.out {
			if d.out[i].Code == report.ResponseOAuthError && strings.HasPrefix(d.out[i].Path, prefix) && strings.Contains(d.out[i].Title, "invalid_grant") {
				d.out[i] = f
				f.Code = ""
				break
			}
		}
		if f.Code != "" {
			d.add(f)
		}
	}
}
