package servermsg

import (
	"strings"
)

// Response is what Recognise reads of a response.
type Response struct {
	Status int
	// Headers are the response's header fields, in order.
	Headers [][2]string
	Body    string
	// Descriptions are the error_description parameters of its
	// WWW-Authenticate challenges, in order.
	Descriptions []string
}

func (r Response) header(name string) string {
	for _, h := range r.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return ""
}

// Message is one message of the server's own, recognised.
type Message struct {
	// Library is the library or product that wrote it.
	Library string
	// Cause is what it means, as a catalogue cause (expired, wrong-audience,
	// missing-token, generic-invalid …) or bad-credentials, wrong-route,
	// forbidden, credential-expired.
	Cause string
	// Text is the message, safe to show (see Safe).
	Text string
	// Raw is the message as the body holds it, for locating it in the input;
	// it may quote a credential and must not be shown.
	Raw string
	// Where is where it was: "body.detail", "body.error.message",
	// "body.html.title", "challenges[0].error_description" …
	Where string
	// Meaning says what the message means, in a sentence.
	Meaning string
	// Fills are the values its placeholders held (an expiry time, an
	// audience), already made safe.
	Fills []string
	// Alternatives names other libraries that write the same words.
	Alternatives []string
	// Specific is false for a generic refusal that names no cause.
	Specific bool
}

// Recognise reads a 4xx response's body and error_descriptions and returns
// the messages it recognises, most specific first. A 2xx, 3xx or 5xx answer,
// and a response whose status is unknown but which has no body, yield none.
func Recognise(r Response) []Message {
	if r.Status != 0 && (r.Status < 400 || r.Status > 499) {
		return nil
	}
	hint := hints(r)
	var cands []candidate
	for _, d := range r.Descriptions {
		cands = append(cands, named(d, "challenge.error_description"))
	}
	cands = append(cands, bodyCandidates(r.Body, r.header("Content-Type"))...)
	var out []Message
	seen := map[string]bool{}
	for _, c := range cands {
		if c.where == "body.html" && len(out) > 0 {
			continue // the page's whole text only when its title, headings and <pre> said nothing known
		}
		m, ok := recognise(c, hint)
		k := m.Cause + "\x00" + norm(m.Raw, false, false)
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	// Most specific first: a named cause over a generic refusal; then the
	// order found (error_description, then the body).
	specific := out[:0:0]
	var generic []Message
	for _, m := range out {
		if m.Specific {
			specific = append(specific, m)
		} else {
			generic = append(generic, m)
		}
	}
	return append(specific, generic...)
}

// recognise matches one candidate against the rules, the AADSTS codes and
// the catalogue.
func recognise(c candidate, hint string) (Message, bool) {
	ctx := hint
	if c.name != "" {
		ctx += " " + c.name
	}
	t := norm(c.text, false, false)
	m := Message{Raw: c.text, Text: Safe(c.text), Where: c.where}
	if code, ok := aadstsCode(c.text); ok {
		m.Library = "Microsoft Entra ID"
		if a, ok := aadsts[code]; ok {
			m.Cause, m.Meaning = a.cause, "AADSTS"+code+": "+a.meaning+"."
		} else {
			m.Cause, m.Meaning = "generic-invalid", "AADSTS"+code+": look the code up at https://login.microsoftonline.com/error?code="+code+"."
		}
		m.Specific = m.Cause != "generic-invalid"
		return m, true
	}
	best := -1
	for i, p := range compiledRules {
		r := rules[i]
		if r.ctx != "" && !strings.Contains(strings.ToLower(ctx), strings.ToLower(r.ctx)) {
			continue
		}
		exact, found, fills := p.match(t)
		if !found || !exact && p.literal < minInside || p.literal < minExact {
			continue
		}
		if best < 0 || p.literal > compiledRules[best].literal {
			best = i
			m.Fills = fills
		}
	}
	if best >= 0 {
		r := rules[best]
		m.Library, m.Cause, m.Meaning = r.product, r.cause, r.meaning
	} else if cm, ok := MatchText(c.text, libHint(ctx)); ok {
		m.Library, m.Cause, m.Fills, m.Alternatives = cm.Library, cm.Cause, cm.Fills, cm.Alternatives
	} else {
		return Message{}, false
	}
	if p := product(hint); p != "" && !strings.Contains(strings.ToLower(m.Library), strings.ToLower(p)) {
		m.Library += " (" + p + ")"
	}
	for i, f := range m.Fills {
		m.Fills[i] = Safe(strings.TrimSpace(f))
	}
	if m.Meaning == "" {
		m.Meaning = Meaning(m.Cause)
	}
	m.Specific = m.Cause != "generic-invalid"
	return m, true
}

// hints names the products a response's headers and shape point to, as one
// space-separated string ("AWS", "Kong", "Spring" …), for rules whose words
// mean something only there.
func hints(r Response) string {
	var hs []string
	add := func(s string) { hs = append(hs, s) }
	server := strings.ToLower(r.header("Server"))
	via := strings.ToLower(r.header("Via"))
	switch {
	case r.header("x-amzn-errortype") != "" || r.header("x-amz-apigw-id") != "" || r.header("x-amzn-requestid") != "" || r.header("apigw-requestid") != "":
		add("AWS")
	}
	if strings.Contains(server, "kong") || strings.Contains(via, "kong") || r.header("X-Kong-Response-Latency") != "" || r.header("X-Kong-Request-Id") != "" {
		add("Kong")
	}
	if strings.Contains(server, "envoy") || r.header("x-envoy-upstream-service-time") != "" {
		add("Envoy")
	}
	switch {
	case strings.HasPrefix(server, "nginx"):
		add("nginx")
	case strings.HasPrefix(server, "apache"):
		add("Apache")
	case strings.HasPrefix(server, "microsoft-iis"):
		add("IIS")
	case strings.Contains(server, "uvicorn") || strings.Contains(server, "hypercorn"):
		add("FastAPI")
	case strings.Contains(server, "kestrel"):
		add("ASP.NET")
	}
	if r.header("x-github-request-id") != "" {
		add("GitHub")
	}
	if strings.EqualFold(r.header("X-Powered-By"), "Express") {
		add("Express")
	}
	b := r.Body
	if len(b) > maxBody {
		b = b[:maxBody]
	}
	switch {
	case strings.Contains(b, `"timestamp"`) && strings.Contains(b, `"path"`) && strings.Contains(b, `"error"`):
		add("Spring")
	case strings.Contains(b, `"traceId"`) && strings.Contains(b, `"title"`):
		add("ASP.NET")
	case strings.Contains(b, `"errorCode"`) && strings.Contains(b, `"errorSummary"`):
		add("Okta")
	case strings.Contains(b, `"statusCode"`) && strings.Contains(b, `"error"`) && strings.Contains(b, `"message"`):
		add("Auth0")
	case strings.Contains(b, `"status"`) && strings.Contains(b, `"UNAUTHENTICATED"`) || strings.Contains(b, "type.googleapis.com/google.rpc"):
		add("Google")
	case strings.Contains(b, "docs.github.com"):
		add("GitHub")
	}
	return strings.Join(hs, " ")
}

// product is the name to show for the first hint, "" when none.
func product(hint string) string {
	f := strings.Fields(hint)
	if len(f) == 0 {
		return ""
	}
	switch f[0] {
	case "AWS":
		return "AWS API Gateway"
	case "Express", "Spring", "ASP.NET":
		return ""
	}
	return f[0]
}

// libHint is the word that picks between catalogue libraries writing the
// same words.
func libHint(ctx string) string {
	for _, h := range []string{"Kong", "Envoy", "Istio", "Keycloak", "AWS", "UnauthorizedError"} {
		if strings.Contains(ctx, h) {
			if h == "UnauthorizedError" {
				return "express"
			}
			return h
		}
	}
	return ""
}
