package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/console"
	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/servermsg"
)

const (
	refFetchCORS      = "Fetch Standard #http-cors-protocol"
	refFetchPreflight = "Fetch Standard #cors-preflight-fetch"
	refMixedContent   = "W3C Mixed Content §4.1"
	refNetworkError   = "Fetch Standard #concept-network-error"
)

// consoleMessages reads the pasted browser console output
// (internal/console): a CORS refusal raises response.cors_blocks_auth with
// what the server must send, mixed content request.insecure_transport, a
// network error or a bare fetch rejection server.message (the browser's
// words); each message is listed in server_messages with its span.
func (r *run) consoleMessages(parts []detect.Part) {
	for _, p := range parts {
		ms := console.Recognise(p.Text)
		specific := false
		for _, m := range ms {
			specific = specific || m.Cause != console.FetchFailed
		}
		status := 0 // the status a network line gives the refused request
		for _, m := range ms {
			if m.Cause == console.NetError && m.Status != 0 {
				status = m.Status
			}
		}
		done := map[string]bool{}
		for _, m := range ms {
			span := &report.Span{Start: p.Start + m.Start, End: p.Start + m.End}
			sm := report.RecognisedMessage{Library: m.Browser + " console", Cause: m.Cause, Message: servermsg.Safe(m.Text),
				Meaning: consoleMeaning(m), Where: fmt.Sprintf("console.line[%d]", m.Line), Span: span}
			key := m.Cause + "\x00" + m.Code
			switch {
			case done[key] || m.Cause == console.NetError && m.Code == "FAILED" && specific && len(ms) > 1:
				// ERR_FAILED is Chromium's line under a CORS refusal.
			case m.Cause == console.FetchFailed && specific:
			default:
				done[key] = true
				f := r.consoleFinding(m, status, sm)
				sm.Code = f.Code
				r.add(f.Within(span))
			}
			r.rep.ServerMessages = append(r.rep.ServerMessages, sm)
		}
	}
}

// consoleMeaning says what a console message means.
func consoleMeaning(m console.Message) string {
	switch m.Cause {
	case console.FetchFailed:
		return "The browser rejected the fetch without telling the page why: the reason is in the console lines printed just before it (a CORS refusal or a network error)."
	case console.NetError:
		if m.Code == "" {
			return "The request did not get an HTTP answer: the connection failed, was blocked or was reset."
		}
		return netMeaning(m.Code)
	case console.MixedContent:
		return "An https:// page called an http:// URL: the browser blocks such mixed content before sending anything."
	}
	return "The browser withheld the response from the page (or never sent the request) because the API's CORS headers do not allow this call."
}

// netMeanings explain Chromium's net::ERR_ codes (net/base/net_error_list.h)
// and who must act.
var netMeanings = map[string]string{
	"CONNECTION_REFUSED":     "Nothing accepted the connection at that host and port: the API is not running there, or the URL's port is wrong.",
	"NAME_NOT_RESOLVED":      "The host name does not resolve: a typo in the API's URL, a missing DNS record, or a name only another network knows.",
	"BLOCKED_BY_CLIENT":      "A browser extension (an ad or privacy blocker) blocked the request: the server never saw it.",
	"CONNECTION_RESET":       "The connection was reset before an answer: a proxy, firewall or the server dropped it.",
	"CONNECTION_CLOSED":      "The server closed the connection without an answer.",
	"EMPTY_RESPONSE":         "The server closed the connection without sending anything.",
	"TIMED_OUT":              "The request timed out: the host did not answer.",
	"CONNECTION_TIMED_OUT":   "The connection timed out: the host did not answer.",
	"INTERNET_DISCONNECTED":  "The browser is offline.",
	"SSL_PROTOCOL_ERROR":     "The TLS handshake failed: the port speaks plain HTTP, or the server's TLS setup is broken.",
	"UNSAFE_PORT":            "The browser refuses to connect to that port at all (a port of another protocol): use another port.",
	"FAILED":                 "The request failed; Chromium prints this under a CORS refusal (the line before says why).",
	"ABORTED":                "The request was cancelled (the page navigated away, or the code aborted it).",
	"INSUFFICIENT_RESOURCES": "The browser ran out of resources for requests (too many at once).",
}

func netMeaning(code string) string {
	if m, ok := netMeanings[code]; ok {
		return m
	}
	if strings.HasPrefix(code, "CERT_") {
		return "The server's TLS certificate was refused (" + code + "): self-signed, expired, or for another name. The request never reached the API's authentication."
	}
	return "A network error: the request got no HTTP answer, so its credentials were never checked."
}

// netSide is who must act on a network error.
func netSide(code string) report.Side {
	switch {
	case code == "NAME_NOT_RESOLVED" || code == "BLOCKED_BY_CLIENT" || code == "INTERNET_DISCONNECTED" || code == "UNSAFE_PORT" || code == "ABORTED":
		return report.Client
	case strings.HasPrefix(code, "CERT_") || code == "SSL_PROTOCOL_ERROR":
		return report.Server
	}
	return report.Both
}

// consoleFinding is the finding of one console message.
func (r *run) consoleFinding(m console.Message, status int, sm report.RecognisedMessage) report.Finding {
	url, origin := exchange.MaskURL(m.URL, r.s.reveal), m.Origin
	if origin == "" {
		origin = "the page's origin"
	}
	ev := report.Evidence(fmt.Sprintf("%s: %s (%s)", sm.Where, report.Quote(sm.Message, 240), sm.Library))
	to := ""
	if url != "" {
		to = " to " + url
	}
	switch m.Cause {
	case console.FetchFailed:
		return report.New(report.ServerMessage, report.Warning, report.Both,
			fmt.Sprintf("The browser's console: %s says the fetch failed, without the reason", m.Browser),
			report.Detail(sm.Meaning), "Paste the console lines printed just before it (the CORS or net:: error), or the failing request from the Network tab (Copy as cURL, or a HAR export).", ev, refNetworkError)
	case console.NetError:
		title := fmt.Sprintf("The browser's console: the request%s got no HTTP answer (net::ERR_%s)", to, m.Code)
		if m.Code == "" {
			title = fmt.Sprintf("The browser's console: the request%s did not succeed (no HTTP answer)", to)
		}
		return report.New(report.ServerMessage, report.Error, netSide(m.Code), title,
			report.Detail(sm.Meaning+" This is no authentication failure: the credentials were never checked."),
			"Check the API's URL (scheme, host, port) in the page's configuration and that the API is running and reachable from this browser; then look at the answer it gives.", ev, refNetworkError)
	case console.MixedContent:
		return report.New(report.RequestInsecureTransport, report.Error, report.Client,
			"The browser blocked an http:// call"+to+" from an https:// page (mixed content)",
			report.Detail(sm.Meaning+" Credentials sent that way would cross the network in clear."),
			"Call the API over https:// (fix its base URL in the page's configuration); the API must serve TLS.", ev, refMixedContent)
	}
	title, fix := corsText(m, origin, status)
	detail := sm.Meaning + " The page sees only a network error, never the API's status or body."
	if status == 401 || status == 403 || m.Status == 401 || m.Status == 403 {
		detail += fmt.Sprintf(" The API did answer %d: its error response lacks the CORS headers (error handlers often run outside the CORS middleware), so the refusal behind it is hidden too.", max(status, m.Status))
	}
	refs := []string{refFetchCORS}
	if m.Cause == console.PreflightStatus || m.Cause == console.PreflightRedirect || m.Cause == console.HeaderNotAllowed || m.Cause == console.MethodNotAllowed {
		refs = append(refs, refFetchPreflight)
	}
	return report.New(report.ResponseCORSBlocksAuth, report.Error, report.Server, title, report.Detail(detail), report.Fix(fix), ev, refs...)
}

// corsText is the title and fix of a CORS refusal: what the server must send.
func corsText(m console.Message, origin string, status int) (string, string) {
	echo := "\"Access-Control-Allow-Origin: " + origin + "\""
	switch m.Cause {
	case console.HeaderNotAllowed:
		h := m.Header
		if h == "" {
			h = "a request header"
		}
		if strings.EqualFold(h, "authorization") {
			return "The CORS preflight does not allow the Authorization header",
				"Server: name Authorization in the preflight answer: \"Access-Control-Allow-Headers: Authorization, Content-Type\" (the wildcard * does not cover Authorization)."
		}
		title := fmt.Sprintf("The CORS preflight does not allow the %s header", h)
		return title, fmt.Sprintf("Server: list %s in the preflight's Access-Control-Allow-Headers.", h)
	case console.MethodNotAllowed:
		return "The CORS preflight does not allow the request's method", fmt.Sprintf("Server: list the method%s in the preflight's Access-Control-Allow-Methods.", strings.TrimSuffix(" "+m.Method, " "))
	case console.PreflightStatus:
		st := "a non-2xx status"
		if n := max(m.Status, status); n != 0 {
			st = fmt.Sprint(n)
		}
		return fmt.Sprintf("The CORS preflight was answered with %s: browsers never send credentials on a preflight", st),
			"Server: answer OPTIONS preflights with 200 or 204 and the Access-Control-Allow-* headers before the authentication middleware runs (it must not require a token)."
	case console.PreflightRedirect:
		return "The CORS request was redirected, which the browser does not follow for a preflight",
			"Call the final URL directly (a trailing slash, http→https or a login redirect is the usual cause); the server must answer the preflight at that URL without redirecting."
	case console.WildcardCredentials:
		return "Access-Control-Allow-Origin is * but the request is sent with credentials (credentials: \"include\")",
			"Server: echo the page's origin, " + echo + " (from an allow-list), with \"Access-Control-Allow-Credentials: true\" and Vary: Origin. Or, when the token goes in Authorization, drop credentials: \"include\" from the fetch."
	case console.CredentialsNotTrue:
		return "The request is sent with credentials, but Access-Control-Allow-Credentials: true is missing",
			"Server: add \"Access-Control-Allow-Credentials: true\" (with " + echo + ") to the answers for allowed origins, the preflight's included."
	case console.OriginMismatch:
		return fmt.Sprintf("Access-Control-Allow-Origin names %q, not %s", servermsg.Safe(m.Value), origin),
			"Server: send the page's exact origin, " + echo + " (scheme, host and port), from an allow-list, with Vary: Origin."
	case console.MultipleOrigins:
		return "Access-Control-Allow-Origin carries several values", "Server: send exactly one origin (" + echo + "); two layers (the app and a proxy) are probably both adding the header."
	case console.NoAllowOrigin:
		return "The API's answer does not allow the origin " + origin + " (no Access-Control-Allow-Origin for it)",
			"Server: send " + echo + " on every answer to this origin, error responses (401, 403) included."
	}
	return "The browser blocked the cross-origin call (CORS)",
		"Server: allow the page's origin (" + echo + "), and for calls with Authorization answer the preflight with \"Access-Control-Allow-Headers: Authorization\"; the Network tab shows which header is missing."
}
