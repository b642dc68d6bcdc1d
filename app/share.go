package ui

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
)

// A share link keeps the pasted text and the expectations in the URL
// fragment ("#share=…"), which browsers never send to a server. Before the
// text goes into the link, the engine's redact.Text removes every credential
// and signature the analysis of that text recognised (Report.Redactions):
// this package finds none itself. The secret, the pasted keys and reveal
// mode are never part of the link.

const sharePrefix = "share="

// maxShareText bounds what a share link may carry.
const maxShareText = 8 << 20

var (
	errShare = errors.New("not a readable authdebug share link")
	// errNoShare: no link can be made from this analysis.
	errNoShare = errors.New("no share link")
)

// shareState is what a share link carries.
type shareState struct {
	V    int    `json:"v"`
	Text string `json:"t"`
	Form form   `json:"o"`
}

// encodeShare returns the fragment (without "#") of a share link for text
// and f, with what rep (the Report of text) recognised as credentials and
// signatures removed. It refuses (errNoShare, wrapped with why) when rep
// cannot say what to remove: no Report, a failed analysis, a paste cut
// before the end.
func encodeShare(text string, rep *report.Report, f form) (string, error) {
	if err := shareable(rep); err != nil {
		return "", err
	}
	f.Secret, f.Key, f.Reveal = "", "", false
	st := shareState{V: 1, Text: redact.Text(text, rep.Redactions), Form: f}
	b, _ := json.Marshal(st)
	// Plain base64url of the JSON: compressing would link compress/flate
	// into the page (about 22 KB brotli) to shorten links that browsers
	// accept at this length anyway.
	return sharePrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// shareable says why no share link can be made from rep, or nil.
func shareable(rep *report.Report) error {
	switch {
	case rep == nil:
		return fmt.Errorf("%w: nothing has been analysed yet", errNoShare)
	case rep.Has(report.InternalError):
		return fmt.Errorf("%w: the analysis failed, so what to remove is not known", errNoShare)
	case rep.Has(report.InputTooLarge):
		return fmt.Errorf("%w: only part of the paste was analysed, so the rest could hold credentials", errNoShare)
	}
	return nil
}

// shareRemoves says what a share link made from text and rep removes, from
// rep's redactions: "Removed from the link: 1 signature, 2 tokens.".
func shareRemoves(text string, rep *report.Report) string {
	if shareable(rep) != nil {
		return ""
	}
	if s := redact.Summary(text, rep.Redactions); s != "" {
		return "Removed from the link: " + s + "."
	}
	return "The analysis recognised no credential or signature in the paste: the link carries it as pasted."
}

// decodeShare reads a fragment made by encodeShare (with or without the
// leading "#"). ok is false when the fragment is not a share link.
func decodeShare(frag string) (shareState, bool, error) {
	frag = strings.TrimPrefix(frag, "#")
	if !strings.HasPrefix(frag, sharePrefix) {
		return shareState{}, false, nil
	}
	enc := strings.TrimRight(frag[len(sharePrefix):], "=")
	if base64.RawURLEncoding.DecodedLen(len(enc)) > 2*maxShareText {
		return shareState{}, true, errShare
	}
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return shareState{}, true, errShare
	}
	var st shareState
	if err := json.Unmarshal(b, &st); err != nil || st.V != 1 || len(st.Text) > maxShareText {
		return shareState{}, true, errShare
	}
	st.Form.Secret, st.Form.Key, st.Form.Reveal = "", "", false
	return st, true, nil
}

// shareRep is the Report a share link is made from: the current one, when
// it is of the current text.
func (v *verdictBar) shareRep() *report.Report {
	if !v.Current {
		return nil
	}
	return v.Rep
}

// shareNote says what a share link of the current text removes.
func (v *verdictBar) shareNote() string {
	if v.shareRep() == nil {
		return "Analyse the text first: the link removes what the analysis recognises."
	}
	if err := shareable(v.Rep); err != nil {
		return "No link can be made: " + strings.TrimPrefix(err.Error(), errNoShare.Error()+": ") + "."
	}
	return shareRemoves(v.Text, v.Rep)
}
