package ui

import (
	"strconv"

	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// findingsList shows the Report's findings grouped by severity, most
// likely cause first. Pressing a finding (click, Enter or Space) selects it:
// the page highlights its evidence in the paste box (Span) and in the
// decoded views (Path).
type findingsList struct {
	app.Compo

	Rep    *report.Report
	Sel    int
	Fault  string
	Large  bool
	HLPath string
}

var severities = []report.Severity{report.Error, report.Warning, report.Info}

var sevGroup = map[report.Severity][2]string{
	report.Error:   {"Error", "Errors — each alone explains a refusal"},
	report.Warning: {"Warning", "Warnings — defects that may matter"},
	report.Info:    {"Info", "Information"},
}

func (l *findingsList) Render() (out app.UI) {
	defer guard("findings", &out)
	if l.Fault == "render" {
		panic("fault injected by a test (window.__authdebugFault = \"render\")")
	}
	r := l.Rep
	if r == nil || len(r.Findings) == 0 {
		return app.Section().Class("findings").Body(
			app.H2().Text("Findings"),
			app.P().Class("hint").Text("No findings."),
		)
	}
	counts := map[report.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	return app.Section().Class("findings").Aria("labelledby", "findings-h").Body(
		app.H2().ID("findings-h").Body(
			app.Text("Findings "),
			app.Span().Class("counts").Text(countLine(counts)),
		),
		app.P().Class("hint").Text("Select a finding to highlight its evidence."),
		app.Range(severities).Slice(func(k int) app.UI {
			sev := severities[k]
			if counts[sev] == 0 {
				return nil
			}
			var items []app.UI
			for i, f := range r.Findings {
				if f.Severity != sev {
					continue
				}
				if i >= maxFindingsShown {
					break
				}
				items = append(items, l.item(i, f))
			}
			return app.Div().Class("group sev-"+string(sev)).Body(
				app.H3().Class("group-h").Text(sevGroup[sev][1]+" ("+strconv.Itoa(counts[sev])+")"),
				app.Ol().Class("finding-list").Body(items...),
			)
		}),
		app.If(len(r.Findings) > maxFindingsShown, func() app.UI {
			return app.P().Class("hint").Text(strconv.Itoa(len(r.Findings)-maxFindingsShown) + " more findings are not shown; copy the report to see them all.")
		}),
	)
}

func countLine(c map[report.Severity]int) string {
	s := ""
	add := func(n int, one, many string) {
		if n == 0 {
			return
		}
		if s != "" {
			s += " · "
		}
		s += strconv.Itoa(n) + " " + plural(n, one, many)
	}
	add(c[report.Error], "error", "errors")
	add(c[report.Warning], "warning", "warnings")
	add(c[report.Info], "info", "info")
	return s
}

func (l *findingsList) item(i int, f report.Finding) app.UI {
	sev := string(f.Severity)
	selected := i == l.Sel
	cls := "finding sev-" + sev
	if selected {
		cls += " selected"
	}
	locatable := f.Span != nil || f.Path != ""
	return app.Li().Class(cls).ID("finding-"+strconv.Itoa(i)).DataSet("code", f.Code).Body(
		app.Button().Class("f-head").Type("button").
			Aria("pressed", selected).
			Title(selectTitle(locatable)).
			OnClick(onKey("a finding", strconv.Itoa(i), l.selectFinding(i))).
			Body(
				app.Span().Class("badge sev-"+sev).Text(sevGroup[f.Severity][0]),
				app.Span().Class("f-title").Text(f.Title),
				app.Span().Class("f-meta").Body(
					app.Span().Class("side side-"+string(f.Side)).Text(string(f.Side)+" must act"),
					app.Code().Class("code").Text(f.Code),
				),
			),
		app.Div().Class("f-body").Body(
			app.If(f.Detail != "", func() app.UI {
				return app.P().Class("f-detail").Text(f.Detail)
			}),
			app.If(f.Fix != "", func() app.UI {
				return app.P().Class("f-fix").Body(
					app.Strong().Text("Fix: "),
					app.Text(f.Fix),
				)
			}),
			app.If(f.Evidence != "", func() app.UI {
				return app.P().Class("f-evidence").Body(
					app.Span().Class("f-label").Text("Evidence: "),
					app.Code().Text(clipText(f.Evidence, 600)),
				)
			}),
			app.If(selected && locatable, func() app.UI {
				return app.P().Class("f-where").Text(l.where(f))
			}),
			app.If(len(f.Refs) > 0, func() app.UI {
				return app.P().Class("f-refs").Body(
					app.Span().Class("f-label").Text("See: "),
					app.Range(f.Refs).Slice(func(k int) app.UI {
						return refLink(f.Refs[k], k > 0)
					}),
				)
			}),
		),
	)
}

func selectTitle(locatable bool) string {
	if locatable {
		return "Highlight the evidence"
	}
	return "Select this finding"
}

func (l *findingsList) where(f report.Finding) string {
	s := ""
	if f.Span != nil {
		if l.Large {
			s = "Highlighted in the excerpt of your input under the paste box"
		} else {
			s = "Highlighted in the paste box"
		}
	}
	if f.Path != "" {
		if s != "" {
			s += " and at "
		} else {
			s = "Highlighted at "
		}
		s += f.Path
		if l.HLPath != "" && l.HLPath != f.Path {
			s += " (" + l.HLPath + ")"
		}
	}
	return s + "."
}

// refLink links a spec reference to its section; references the mapping
// does not know stay text.
func refLink(ref string, comma bool) app.UI {
	sep := ""
	if comma {
		sep = ", "
	}
	u := render.RefURL(ref)
	if u == "" {
		return app.Span().Text(sep + ref)
	}
	return app.Span().Body(
		app.Text(sep),
		app.A().Href(u).Target("_blank").Rel("noopener noreferrer").Text(ref),
	)
}

func (l *findingsList) selectFinding(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(actionSelect, i)
	}
}

// clipText shortens very long evidence for display.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:snap(s, n)] + "… (" + strconv.Itoa(len(s)-snap(s, n)) + " more bytes)"
}
