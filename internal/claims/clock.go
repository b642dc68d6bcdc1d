package claims

import (
	"fmt"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// skewThreshold is the clock difference above which clock.skew is reported.
const skewThreshold = 30

// oldTranscript is the gap from which a server Date behind the local clock
// more likely means an old transcript than a wrong clock.
const oldTranscript = 3600

// Clock compares the local clock with a server's Date header and, when the
// tokens' times are known, where each clock puts each token:
// clock.skew when they are more than 30 s apart (info when the server's Date
// is an hour or more behind: the transcript is probably old), and
// clock.expired_at_server when a token valid by one clock is not by the other
// (an error when the server's clock is the one that rejects it).
// serverDate nil means no Date header. It returns the report.Clock for the Report.
func Clock(local time.Time, serverDate *time.Time, leeway time.Duration, times []TokenTimes) (*report.Clock, []report.Finding) {
	c := &report.Clock{Local: rfc(local), LeewayS: int64(leeway / time.Second)}
	if serverDate == nil {
		return c, nil
	}
	sd := serverDate.UTC()
	ds := rfc(sd)
	skew := secondsBetween(local, sd)
	c.ServerDate, c.SkewS = &ds, &skew
	var fs []report.Finding
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	ev := fmt.Sprintf("Date: %s; local: %s", sd.Format(time.RFC1123), rfc(local))
	if abs > skewThreshold {
		dir := "ahead of"
		if skew < 0 {
			dir = "behind"
		}
		if skew <= -oldTranscript {
			fs = append(fs, report.New(report.ClockSkew, report.Info, report.Both,
				fmt.Sprintf("The server's Date is %s behind the local clock: the transcript is probably old", humanSeconds(abs)),
				report.Detail(fmt.Sprintf("The response's Date header (%s) is %s before the local clock (%s). A gap this large usually means the response was captured earlier, not that a clock is wrong; time checks against the local clock then describe the token now, not when the server refused it.", ds, humanSeconds(abs), rfc(local))),
				"Judge the token's times against the server's Date (analyse with the Date as now), or reproduce the request to get a fresh response.",
				report.Evidence(ev), "RFC 9110 §6.6.1").At("clock.server_date"))
		} else {
			fs = append(fs, report.New(report.ClockSkew, report.Warning, report.Both,
				fmt.Sprintf("The server's clock is %s %s the local clock", humanSeconds(abs), dir),
				report.Detail(fmt.Sprintf("The response's Date header (%s) and the local clock (%s) differ by %s. Tokens are checked against the server's clock: with skew, a token can look valid locally and be expired (or not yet valid) at the server.", ds, rfc(local), humanSeconds(abs))),
				"Synchronise clocks with NTP on the client, the server and the issuer; refresh tokens a little before exp.",
				report.Evidence(ev), "RFC 9110 §6.6.1", "RFC 7519 §4.1.4").At("clock.server_date"))
		}
	}
	for _, tt := range times {
		if f, ok := atServer(tt, local, sd, leeway); ok {
			fs = append(fs, f)
		}
	}
	return c, fs
}

// validity says why a token is not valid at t: "expired", "not yet valid" or "".
func validity(tt TokenTimes, t time.Time, leeway time.Duration) string {
	if tt.Exp != nil && !tt.Exp.After(t.Add(-leeway)) {
		return "expired"
	}
	if tt.Nbf != nil && tt.Nbf.After(t.Add(leeway)) {
		return "not yet valid"
	}
	return ""
}

func atServer(tt TokenTimes, local, server time.Time, leeway time.Duration) (report.Finding, bool) {
	l, s := validity(tt, local, leeway), validity(tt, server, leeway)
	if (l == "") == (s == "") {
		return report.Finding{}, false
	}
	claim, path := "exp", tt.Path+".payload.exp"
	bad := s + l
	if bad == "not yet valid" {
		claim, path = "nbf", tt.Path+".payload.nbf"
	}
	var ct time.Time
	if claim == "exp" {
		ct = *tt.Exp
	} else {
		ct = *tt.Nbf
	}
	ev := fmt.Sprintf("%s=%d (%s); Date: %s; local: %s", claim, ct.Unix(), rfc(ct), rfc(server), rfc(local))
	refs := []string{"RFC 7519 §4.1.4", "RFC 9110 §6.6.1"}
	if claim == "nbf" {
		refs[0] = "RFC 7519 §4.1.5"
	}
	if s != "" {
		return report.New(report.ClockExpiredAtServer, report.Error, report.Both,
			fmt.Sprintf("The token was %s at the server's time, though valid by the local clock", s),
			report.Detail(fmt.Sprintf("The server answered at %s (its Date header), when the token was already %s (%s=%s); by the local clock (%s) it is still valid. The server checks %s against its own clock, so the difference between the clocks explains the refusal.", rfc(server), s, claim, rfc(ct), rfc(local), claim)),
			"Refresh the token before it expires by the server's clock (keep a margin of a minute or more) and synchronise the clocks with NTP.",
			report.Evidence(ev), refs...).At(path), true
	}
	return report.New(report.ClockExpiredAtServer, report.Info, report.Both,
		fmt.Sprintf("The token was still valid at the server's time, though %s by the local clock", l),
		report.Detail(fmt.Sprintf("The server answered at %s (its Date header), when the token was valid; it is %s only by the local clock (%s), so its times do not explain this refusal.", rfc(server), l, rfc(local))),
		"Look for the cause elsewhere (signature, audience, scope); the token's time was fine when the server checked it.",
		report.Evidence(ev), refs...).At(path), true
}
