package claims

import (
	"fmt"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// Expectations are what the API is known to require of a token (given by
// the user, by flags, or read from a challenge).
type Expectations struct {
	Aud     string   // expected audience ("" = no expectation)
	Iss     string   // expected issuer
	Require []string // claims that must be present ("sub", "aud", "iss", "exp", …)
	Scope   []string // scopes the caller needs
}

// Empty reports whether nothing is expected.
func (e Expectations) Empty() bool {
	return e.Aud == "" && e.Iss == "" && len(e.Require) == 0 && len(e.Scope) == 0
}

// Options configure Check.
type Options struct {
	// Now is the analysis clock; the zero time skips every check relative to now.
	Now time.Time
	// Leeway is the clock leeway allowed for exp, nbf and iat.
	Leeway time.Duration
	Expect Expectations
	// AccessToken says the token was sent as an access token (Authorization:
	// Bearer or DPoP): enables the lifetime and token-type checks.
	AccessToken bool
	// Reveal allows credentials in findings. Claims are not credentials, so
	// this only matters for claims that carry secrets, which Check never quotes.
	Reveal bool
	// HandedOut is when a token endpoint handed the token out (its
	// response's Date; zero when unknown). A token already expired then is
	// the issuer's fault, and getting another one will not help.
	HandedOut time.Time
}

// Leeways are the common leeways clock.leeway_would_accept tries, smallest first.
var Leeways = []time.Duration{30 * time.Second, 60 * time.Second, 300 * time.Second}

// maxLifetime is the access-token lifetime above which token.long_lifetime is reported.
const maxLifetime = 24 * time.Hour

// Check runs the time checks and the expectations on a decoded payload (and
// the typ checks, which need the header). path is "tokens[i]"; findings'
// Paths are below it ("tokens[i].payload.exp"). A nil payload yields nil.
// Numbers may be json.Number (as the token package decodes them) or float64.
func Check(payload map[string]any, header map[string]any, path string, opts Options) (*report.Times, []report.Finding) {
	if payload == nil {
		return nil, nil
	}
	c := checker{payload: payload, header: header, path: path, opts: opts}
	if opts.AccessToken {
		c.what = "access token"
	} else {
		c.what = "token"
	}
	times := c.times()
	c.expectations()
	if opts.AccessToken {
		c.typ()
	}
	return times, c.fs
}

type checker struct {
	payload, header map[string]any
	path            string
	opts            Options
	what            string // "token" or "access token"
	fs              []report.Finding
}

func (c *checker) add(f report.Finding) { c.fs = append(c.fs, f) }

func (c *checker) claimPath(name string) string { return c.path + ".payload." + name }

func (c *checker) read(name string) date {
	v, ok := c.payload[name]
	if !ok {
		return date{name: name}
	}
	return readDate(name, v)
}

func evidence(d date) string {
	if d.ok {
		return fmt.Sprintf("%s=%s (%s)", d.name, d.raw, rfc(d.t))
	}
	return d.name + "=" + d.raw
}

func (c *checker) times() *report.Times {
	iat, nbf, exp := c.read("iat"), c.read("nbf"), c.read("exp")
	for _, d := range []date{iat, nbf, exp} {
		c.dateProblems(d)
	}
	times := &report.Times{}
	set := func(d date) *string {
		if !d.ok {
			return nil
		}
		s := rfc(d.t)
		return &s
	}
	times.Iat, times.Nbf, times.Exp = set(iat), set(nbf), set(exp)
	now, leeway := c.opts.Now, c.opts.Leeway
	haveNow := !now.IsZero()
	if exp.ok && haveNow {
		v := secondsBetween(now, exp.t)
		times.ExpiresInS = &v
	}
	if exp.ok && iat.ok {
		v := secondsBetween(iat.t, exp.t)
		times.LifetimeS = &v
	}

	if exp.kind == kindAbsent {
		c.add(report.New(report.TokenNoExp, report.Warning, report.Server,
			fmt.Sprintf("The %s has no exp claim: it never expires", c.what),
			"Without exp (RFC 7519 §4.1.4) a token stays usable forever if it leaks; RFC 9068 §2.2 makes exp required in JWT access tokens, and many servers reject tokens without it.",
			"Have the issuer set exp to a short lifetime (minutes to an hour for access tokens); if the API requires exp, this token will be refused.",
			"no exp in payload", "RFC 7519 §4.1.4", "RFC 9068 §2.2").At(c.path + ".payload"))
	}
	if exp.ok && iat.ok && exp.t.Before(iat.t) {
		c.add(report.New(report.TokenTimesInconsistent, report.Warning, report.Server,
			fmt.Sprintf("exp is %s before iat: the token was expired when it was issued", humanSeconds(secondsBetween(exp.t, iat.t))),
			"The issuer computed exp wrongly (a negative lifetime, a unit or time-zone error); every server will treat the token as expired.",
			"Fix the issuer's exp computation: exp must be iat plus the lifetime, in seconds.",
			report.Evidence(evidence(iat)+"; "+evidence(exp)), "RFC 7519 §4.1.4", "RFC 7519 §4.1.6").At(c.claimPath("exp")))
	}
	if exp.ok && nbf.ok && !exp.t.After(nbf.t) {
		c.add(report.New(report.TokenTimesInconsistent, report.Error, report.Server,
			fmt.Sprintf("exp is %s before nbf: the token is never valid", humanSeconds(secondsBetween(exp.t, nbf.t))),
			"A token is valid from nbf until exp (RFC 7519 §4.1.4, §4.1.5); this one expires before it becomes valid, so every server refuses it whatever its clock says. The issuer computed one of the two wrongly (a unit or time-zone error, or the two swapped).",
			"Fix the issuer: nbf must be at or before iat, and exp after both, all in seconds since 1970.",
			report.Evidence(evidence(nbf)+"; "+evidence(exp)), "RFC 7519 §4.1.4", "RFC 7519 §4.1.5").At(c.claimPath("exp")))
	}
	if c.opts.AccessToken && exp.ok && iat.ok && exp.t.Sub(iat.t) > maxLifetime {
		life := secondsBetween(iat.t, exp.t)
		c.add(report.New(report.TokenLongLifetime, report.Warning, report.Server,
			fmt.Sprintf("The access token is valid for %s (exp − iat)", humanSeconds(life)),
			"An access token is a bearer credential: whoever holds it can use it until exp. Lifetimes over 24 hours make a leaked token dangerous for long and defeat revocation; long-lived access belongs to refresh tokens.",
			"Issue access tokens for minutes to an hour and use refresh tokens for long sessions.",
			report.Evidence(evidence(iat)+"; "+evidence(exp)), "RFC 8725 §3.10", "RFC 9068 §5", "RFC 6819 §5.1.5.3").At(c.claimPath("exp")))
	}
	if !haveNow {
		return times
	}

	expired := exp.ok && !exp.t.After(now.Add(-leeway))
	early := nbf.ok && nbf.t.After(now.Add(leeway))
	future := iat.ok && iat.t.After(now.Add(leeway))
	leewayNote := ""
	if leeway > 0 {
		leewayNote = fmt.Sprintf(" (beyond the %s leeway allowed)", humanSeconds(int64(leeway/time.Second)))
	}
	switch ho := c.opts.HandedOut; {
	case expired && !ho.IsZero() && !exp.t.After(ho):
		what := "a " + c.what
		if c.opts.AccessToken {
			what = "an " + c.what
		}
		c.add(report.New(report.TokenExpired, report.Error, report.Server,
			fmt.Sprintf("The token endpoint issued %s that had expired %s before its own Date", what, humanSeconds(secondsBetween(exp.t, ho))),
			report.Detail(fmt.Sprintf("The response's Date is %s and the token's exp %s, so the token was dead on arrival: every request with it "+
				"fails, and getting another one the same way gives the same result. The authorization server's clock is behind, its "+
				"token lifetime is zero or negative, or it computes exp in the wrong unit or time zone.", rfc(ho), rfc(exp.t))),
			"On the authorization server: synchronise its clock (NTP) and check the configured token lifetime and how exp is computed (seconds since 1970, UTC).",
			report.Evidence(evidence(exp)+"; response Date "+rfc(ho)), "RFC 7519 §4.1.4", "RFC 6749 §5.1").At(c.claimPath("exp")))
	case expired:
		ago := secondsBetween(exp.t, now)
		c.add(report.New(report.TokenExpired, report.Error, report.Client,
			fmt.Sprintf("The %s expired %s ago", c.what, humanSeconds(ago)),
			report.Detail(fmt.Sprintf("exp is the time on or after which the token must be rejected (RFC 7519 §4.1.4). It is %s; at the analysis time %s the token had been expired for %s%s.", rfc(exp.t), rfc(now), humanSeconds(ago), leewayNote)),
			"Get a new token (use the refresh token or sign in again) and retry; refresh shortly before exp rather than after a 401.",
			report.Evidence(evidence(exp)), "RFC 7519 §4.1.4", "RFC 6750 §3.1").At(c.claimPath("exp")))
	}
	if early {
		in := secondsBetween(now, nbf.t)
		c.add(report.New(report.TokenNotYetValid, report.Error, report.Both,
			fmt.Sprintf("The %s is not valid for another %s (nbf)", c.what, humanSeconds(in)),
			report.Detail(fmt.Sprintf("nbf is the time before which the token must be rejected (RFC 7519 §4.1.5). It is %s, %s after the analysis time %s%s. Usually the issuer's clock is ahead of the server's, or the token was used the instant it was issued by a server whose clock is behind.", rfc(nbf.t), humanSeconds(in), rfc(now), leewayNote)),
			"Synchronise the issuer's and the server's clocks (NTP); if a few seconds of skew are unavoidable, let the server allow a small leeway (at most 60s).",
			report.Evidence(evidence(nbf)), "RFC 7519 §4.1.5").At(c.claimPath("nbf")))
	}
	if future {
		in := secondsBetween(now, iat.t)
		c.add(report.New(report.TokenIssuedInFuture, report.Warning, report.Server,
			fmt.Sprintf("The %s was issued %s in the future (iat)", c.what, humanSeconds(in)),
			report.Detail(fmt.Sprintf("iat is %s, %s after the analysis time %s%s: the issuer's clock is ahead. Libraries that validate iat (jwx by default, golang-jwt with WithIssuedAt, many others) reject such a token as \"used before issued\".", rfc(iat.t), humanSeconds(in), rfc(now), leewayNote)),
			"Synchronise the issuer's clock (NTP); servers that check iat may allow a small leeway (at most 60s).",
			report.Evidence(evidence(iat)), "RFC 7519 §4.1.6").At(c.claimPath("iat")))
	}
	if expired || early {
		c.leeway(now, leeway, exp, nbf, iat, expired, early, future)
	}
	return times
}

// leeway reports the smallest common leeway that would have accepted the token.
func (c *checker) leeway(now time.Time, cur time.Duration, exp, nbf, iat date, expired, early, future bool) {
	accepts := func(l time.Duration) bool {
		if expired && !exp.t.After(now.Add(-l)) {
			return false
		}
		if early && nbf.t.After(now.Add(l)) {
			return false
		}
		if future && iat.t.After(now.Add(l)) {
			return false
		}
		return true
	}
	for _, l := range Leeways {
		if l <= cur || !accepts(l) {
			continue
		}
		secs := int64(l / time.Second)
		var by, path, ev string
		switch {
		case expired:
			by = fmt.Sprintf("it expired %s ago", humanSeconds(secondsBetween(exp.t, now)))
			path, ev = c.claimPath("exp"), evidence(exp)
		default:
			by = fmt.Sprintf("it becomes valid in %s", humanSeconds(secondsBetween(now, nbf.t)))
			path, ev = c.claimPath("nbf"), evidence(nbf)
		}
		detail := "Leeway exists to absorb small clock differences between machines, not late refreshes: RFC 7519 §4.1.4 allows \"some small leeway, usually no more than a few minutes\"."
		if secs > 60 {
			detail += fmt.Sprintf(" A leeway of %ds is more than is safe: it widens the window in which a stolen or revoked token can be replayed (RFC 8725 §3.10); fix the clocks or the refresh timing instead.", secs)
		} else {
			detail += " Up to 60s is common; more widens the window in which a stolen token can be replayed."
		}
		c.add(report.New(report.ClockLeewayWouldAccept, report.Info, report.Server,
			fmt.Sprintf("A leeway of %ds would have accepted this %s (%s)", secs, c.what, by),
			report.Detail(detail),
			"Prefer syncing clocks (NTP) and refreshing tokens before exp; if the server must tolerate skew, allow at most 60s of leeway.",
			report.Evidence(ev), "RFC 7519 §4.1.4", "RFC 8725 §3.10").At(path))
		return
	}
}

// dateProblems reports time claims that are not proper NumericDates.
func (c *checker) dateProblems(d date) {
	path := c.claimPath(d.name)
	refs := []string{"RFC 7519 §2", "RFC 7519 §4.1.4"}
	switch d.name {
	case "nbf":
		refs[1] = "RFC 7519 §4.1.5"
	case "iat":
		refs[1] = "RFC 7519 §4.1.6"
	}
	switch {
	case d.kind == kindAbsent:
	case d.kind == kindNumericString:
		c.add(report.New(report.TokenMalformed, report.Error, report.Server,
			fmt.Sprintf("%s is a string (%s), not a number", d.name, d.raw),
			report.Detail("A NumericDate is a JSON number of seconds since 1970 (RFC 7519 §2). Some libraries accept a numeric string, many reject the whole token (golang-jwt's MapClaims: \""+d.name+" is invalid\"; Node's jsonwebtoken: \"invalid "+d.name+" value\")."),
			report.Fix(fmt.Sprintf("Have the issuer write %s as a number without quotes.", d.name)),
			report.Evidence(d.name+"="+d.raw), refs...).At(path))
	case d.kind == kindDateString:
		c.add(report.New(report.TokenMalformed, report.Error, report.Server,
			fmt.Sprintf("%s is a date string (%s), not a NumericDate", d.name, d.raw),
			report.Detail(fmt.Sprintf("A NumericDate is a JSON number of seconds since 1970 (RFC 7519 §2); JWT libraries reject a date string. Read as a date it is %s.", rfc(d.t))),
			report.Fix(fmt.Sprintf("Have the issuer write %s as seconds since 1970 (%d), not as text.", d.name, d.t.Unix())),
			report.Evidence(d.name+"="+d.raw), refs...).At(path))
	case d.kind == kindOther:
		c.add(report.New(report.TokenMalformed, report.Error, report.Server,
			fmt.Sprintf("%s is %s, not a NumericDate", d.name, d.raw),
			"A NumericDate is a JSON number of seconds since 1970 (RFC 7519 §2); JWT libraries reject a token whose time claim has another type.",
			report.Fix(fmt.Sprintf("Have the issuer write %s as a number of seconds since 1970.", d.name)),
			report.Evidence(d.name+"="+d.raw), refs...).At(path))
	case !d.ok && d.unit != "":
		var detail strings.Builder
		fmt.Fprintf(&detail, "A NumericDate counts seconds since 1970 (RFC 7519 §2). Read as seconds, %s=%s is the year %s: a server either rejects the claim or treats the token as ", d.name, d.raw, yearOf(d.secs))
		if d.name == "exp" {
			detail.WriteString("never expiring.")
		} else {
			detail.WriteString("not valid for thousands of years.")
		}
		fmt.Fprintf(&detail, " Read as %s it is %s", d.unit, rfc(d.scaled))
		if !c.opts.Now.IsZero() {
			if n := secondsBetween(c.opts.Now, d.scaled); n < 0 {
				fmt.Fprintf(&detail, ", %s before the analysis time", humanSeconds(n))
			} else {
				fmt.Fprintf(&detail, ", %s after the analysis time", humanSeconds(n))
			}
		}
		detail.WriteString(". JavaScript's Date.now() returns milliseconds: divide by 1000.")
		sev := report.Warning
		if d.name != "exp" {
			sev = report.Error
		}
		c.add(report.New(report.TokenTimesInconsistent, sev, report.Server,
			fmt.Sprintf("%s looks like %s: %s would be the year %s", d.name, d.unit, d.raw, yearOf(d.secs)),
			report.Detail(detail.String()),
			report.Fix(fmt.Sprintf("Have the issuer write %s in seconds (Math.floor(Date.now() / 1000) in JavaScript).", d.name)),
			report.Evidence(d.name+"="+d.raw), refs...).At(path))
	case !d.ok:
		c.add(report.New(report.TokenMalformed, report.Error, report.Server,
			fmt.Sprintf("%s=%s is not a usable date", d.name, d.raw),
			report.Detail(fmt.Sprintf("Read as seconds since 1970 it is the year %s, outside any date a server can compare (RFC 7519 §2).", yearOf(d.secs))),
			report.Fix(fmt.Sprintf("Have the issuer write %s as seconds since 1970.", d.name)),
			report.Evidence(d.name+"="+d.raw), refs...).At(path))
	}
}
