package ui

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tokenView shows one token of the Report: its segments, signature status,
// timeline, and decoded header and payload with every known claim
// explained on hover and focus.
type tokenView struct {
	app.Compo

	Rep    *report.Report
	Index  int
	HLPath string
	Fault  string
}

func (v *tokenView) Render() (out app.UI) {
	defer guard("token", &out)
	if v.Fault == "render" {
		panic("fault injected by a test (window.__authdebugFault = \"render\")")
	}
	r := v.Rep
	if r == nil || v.Index < 0 || v.Index >= len(r.Tokens) {
		return app.Div()
	}
	t := r.Tokens[v.Index]
	base := idx("tokens", v.Index)
	now, _ := time.Parse(time.RFC3339, r.Now)
	cls := "token"
	if v.HLPath == base {
		cls += " is-hl"
	}
	return app.Article().Class(cls).DataSet("path", base).Aria("labelledby", "token-h-"+strconv.Itoa(v.Index)).Body(
		app.H3().ID("token-h-"+strconv.Itoa(v.Index)).Body(
			app.Text("Token "+strconv.Itoa(v.Index+1)+" "),
			app.Span().Class("tag").Text(formLabel(t.Form)),
			app.Span().Class("src").Text(" "+render.SourceLabel(t.Source)),
		),
		app.P().Class("fingerprint").Body(
			app.Span().Class("f-label").Text(fingerprintLabel(t)),
			app.Code().Class("fp").Text(t.Fingerprint),
		),
		v.segments(t, base),
		v.signature(t, base),
		v.timeline(t, r, base),
		app.Div().Class("decoded").Body(
			app.Div().Class("part").Body(
				app.H4().Text("Header"),
				jsonBlock(t.Header, "header", base+".header", v.HLPath, now, v.Index),
			),
			app.Div().Class("part").Body(
				app.H4().Text("Payload"),
				v.payload(t, base, now),
			),
		),
	)
}

func formLabel(form string) string {
	switch form {
	case "jws":
		return "JWS (signed)"
	case "jwe":
		return "JWE (encrypted)"
	}
	return "not a JWT"
}

// sourceLabel says where the token was found in words.
func fingerprintLabel(t report.Token) string {
	if t.Raw != "" {
		return "Fingerprint (reveal mode is on: the whole token is below) "
	}
	return "Fingerprint "
}

// segments shows the compact serialisation's segments, coloured like the
// paste box, with their length and why a segment does not decode. In
// reveal mode the whole token is shown, coloured.
func (v *tokenView) segments(t report.Token, base string) app.UI {
	if len(t.Segments) == 0 {
		return nil
	}
	var raw []string
	if t.Raw != "" {
		raw = strings.Split(t.Raw, ".")
		if len(raw) != len(t.Segments) {
			raw = nil
		}
	}
	return app.Div().Class("segments-wrap").Body(
		app.Ol().Class("segments").DataSet("path", base+".segments").Aria("label", "Segments").Body(
			app.Range(t.Segments).Slice(func(j int) app.UI {
				s := t.Segments[j]
				p := idx(base+".segments", j)
				cls := "seg seg-" + segClass(s.Name)
				if s.Error != "" {
					cls += " seg-bad"
				}
				if v.HLPath == p {
					cls += " is-hl"
				}
				return app.Li().Class(cls).DataSet("path", p).Body(
					app.Span().Class("seg-name").Text(strings.ReplaceAll(s.Name, "_", " ")),
					app.Span().Class("seg-len").Text(strconv.Itoa(s.Length)+" chars"),
					app.If(s.Error != "", func() app.UI {
						return app.Span().Class("seg-err").Text(s.Error)
					}),
				)
			}),
		),
		app.If(raw != nil, func() app.UI {
			return app.P().Class("raw").Body(
				app.Range(raw).Slice(func(j int) app.UI {
					dot := ""
					if j > 0 {
						dot = "."
					}
					return app.Span().Body(
						app.Text(dot),
						app.Span().Class("seg-"+segClass(t.Segments[j].Name)).Text(raw[j]),
					)
				}),
			)
		}),
	)
}

var sigText = map[string][2]string{
	report.SigVerified:    {"✓", "Signature verified"},
	report.SigInvalid:     {"✗", "Signature invalid"},
	report.SigUnverified:  {"?", "Signature not checked"},
	report.SigUntrusted:   {"!", "Verifies only with a key the token carries itself"},
	report.SigUnsupported: {"?", "Signature algorithm not supported"},
}

func (v *tokenView) signature(t report.Token, base string) app.UI {
	if t.Form == "jwe" {
		return app.P().Class("sig sig-jwe").Body(
			app.Span().Class("sig-icon").Aria("hidden", true).Text("🔒"),
			app.Text(" Encrypted: the payload can only be read with the recipient's private key."),
		)
	}
	s := t.Signature
	if s == nil {
		return nil
	}
	txt, ok := sigText[s.Status]
	if !ok {
		txt = [2]string{"?", "Signature: " + s.Status}
	}
	cls := "sig sig-" + s.Status
	if v.HLPath == base+".signature" {
		cls += " is-hl"
	}
	detail := render.SignatureLine(s)
	return app.P().Class(cls).DataSet("path", base+".signature").Body(
		app.Span().Class("sig-icon").Aria("hidden", true).Text(txt[0]),
		app.Strong().Text(" "+txt[1]),
		app.Span().Class("sig-detail").Text(" — "+detail),
	)
}

func (v *tokenView) timeline(t report.Token, r *report.Report, base string) app.UI {
	m, ok := timelineModel(t.Times, r.Clock, r.Now)
	if !ok {
		return nil
	}
	hlKey := ""
	switch v.HLPath {
	case base + ".payload.exp":
		hlKey = "exp"
	case base + ".payload.nbf":
		hlKey = "nbf"
	case base + ".payload.iat":
		hlKey = "iat"
	}
	id := "tl-" + strconv.Itoa(v.Index)
	cls := "timeline"
	if v.HLPath == base+".times" {
		cls += " is-hl"
	}
	return app.Figure().Class(cls).DataSet("path", base+".times").Body(
		app.Div().Class("timeline-pic").Role("img").Aria("labelledby", id+"-cap").Body(
			app.Raw(timelineSVG(m, id, hlKey)),
		),
		app.FigCaption().ID(id+"-cap").Class("timeline-cap").Text(m.Summary),
	)
}

func (v *tokenView) payload(t report.Token, base string, now time.Time) app.UI {
	switch {
	case t.Form == "jwe":
		return app.P().Class("hint").Text("Encrypted (JWE): without the recipient's private key only the header can be read.")
	case t.PayloadText != nil:
		return app.Pre().Class("json text").DataSet("path", base+".payload").Text(clipText(*t.PayloadText, 64<<10))
	}
	return jsonBlock(t.Payload, "payload", base+".payload", v.HLPath, now, v.Index)
}

// jsonBlock shows a JSON object in its original member order, one member a
// line, known claims explained, times annotated with UTC, local time and
// distance from the analysis clock.
func jsonBlock(raw json.RawMessage, part, base, hl string, now time.Time, tok int) app.UI {
	trimmed := strings.TrimSpace(string(raw))
	if trimmed == "" || trimmed == "null" {
		return app.P().Class("hint").DataSet("path", base).Text("Does not decode (see the segments above).")
	}
	members := jsonMembers(raw)
	if members == nil {
		return app.Pre().Class("json").DataSet("path", base).Text(clipText(prettyValue(raw, ""), 64<<10))
	}
	cls := "json"
	if hl == base {
		cls += " is-hl"
	}
	return app.Div().Class(cls).DataSet("path", base).Body(
		app.Div().Class("brace").Text("{"),
		app.Range(members).Slice(func(i int) app.UI {
			m := members[i]
			p := base + "." + m.Key
			info := claimInfo(part, m.Key)
			key, _ := json.Marshal(m.Key)
			comma := ","
			if i == len(members)-1 {
				comma = ""
			}
			mcls := "member"
			if hl == p {
				mcls += " is-hl"
			}
			tipID := "tip-" + strconv.Itoa(tok) + "-" + part + "-" + strconv.Itoa(i)
			k := app.Span().Class("k").Text(string(key))
			if info != "" {
				k = k.Class("has-tip").TabIndex(0).Aria("describedby", tipID)
			}
			var ann string
			if part == "payload" && timeClaims[m.Key] {
				if t, ok := unixClaim(string(m.Value)); ok {
					ann = timeText(t, now, time.Local)
				}
			}
			return app.Div().Class(mcls).DataSet("path", p).Body(
				app.Text("  "),
				k,
				app.Span().Class("punct").Text(": "),
				app.Span().Class("v "+valueClass(m.Value)).Text(clipText(prettyValue(m.Value, "  "), 16<<10)),
				app.Span().Class("punct").Text(comma),
				app.If(ann != "", func() app.UI {
					return app.Span().Class("ann").Text("  " + ann)
				}),
				app.If(info != "", func() app.UI {
					return app.Span().Class("tip").ID(tipID).Role("tooltip").Text(info)
				}),
			)
		}),
		app.Div().Class("brace").Text("}"),
	)
}

func valueClass(v json.RawMessage) string {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return "v-other"
	}
	switch s[0] {
	case '"':
		return "v-string"
	case '{', '[':
		return "v-object"
	case 't', 'f':
		return "v-bool"
	case 'n':
		return "v-null"
	}
	return "v-number"
}
