// Package render turns a Report into text for people: the CLI's terminal
// output and the Markdown a user copies into a ticket. It only formats what
// the Report says; it never re-derives a diagnosis.
package render
