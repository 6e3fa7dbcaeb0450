package drift

import (
	"strings"
	"testing"
)

// formsRegistry has the shapes real API reference pages use: HTTP statuses
// written with their names in the code cell and a range with a status of
// its own inside it, string error codes beside the HTTP status they come
// with, gRPC's tables whose code column is headed "Number" and whose
// "Code" column holds names, and explicit ranges.
func formsRegistry() Registry {
	return Registry{Groups: []Group{
		{
			Name: "http", Title: "HTTP statuses", Anchor: "http", CodeHeader: "Status", CodeWith: "name",
			Columns: []string{"name", "meaning"}, Mentions: []string{"HTTP status"},
			Entries: []Entry{
				{Code: "200", Fields: map[string]string{"name": "OK", "meaning": "it worked"}},
				{Code: "404", Fields: map[string]string{"name": "Not Found", "meaning": "no such thing"}},
				{Code: "5xx", Fields: map[string]string{"name": "Server Error", "meaning": "our fault"}},
				{Code: "502", Fields: map[string]string{"name": "Bad Gateway", "meaning": "a proxy's fault"}},
			},
		},
		{
			Name: "errors", Title: "error codes", Anchor: "error", Strings: true,
			Columns: []string{"status", "message"}, Mentions: []string{"error code"}, JSONKeys: []string{"error"},
			ColumnGroups: map[string]string{"status": "http"},
			Entries: []Entry{
				{Code: "FAILED_VALIDATION", Fields: map[string]string{"status": "404", "message": "The request was not valid."}},
				{Code: "card_declined", Fields: map[string]string{"status": "200", "message": "The card was declined."}},
			},
		},
		{
			Name: "grpc", Title: "gRPC status codes", Anchor: "grpc", CodeHeader: "Number",
			Columns: []string{"Code", "Description"},
			Entries: []Entry{
				{Code: "0", Fields: map[string]string{"Code": "OK", "Description": "Not an error."}},
				{Code: "1", Fields: map[string]string{"Code": "CANCELLED", "Description": "The operation was cancelled."}},
			},
		},
		{
			Name: "close", Title: "close codes", Anchor: "close", CodeWith: "description",
			Columns: []string{"description"}, Mentions: []string{"close code"},
			Entries: []Entry{
				{Code: "4000-4999", Fields: map[string]string{"description": "Application error"}},
				{Code: "4004", Fields: map[string]string{"description": "Authentication failed"}},
			},
		},
	}}
}

const formsPage = "# Codes\n\n" +
	"<!-- codes: http -->\n" +
	"| Status | Meaning |\n|---|---|\n" +
	"| 200 (OK) | it worked |\n" +
	"| `404` Not Found | no such thing |\n" +
	"| 5XX: Server Error | our fault |\n" +
	"| Bad Gateway (502) | a proxy's fault |\n" +
	"\n<!-- codes: errors -->\n" +
	"| Code | Status | Message |\n|---|---|---|\n" +
	"| `FAILED_VALIDATION` | 404 | The request was not valid. |\n" +
	"| `card_declined` | 200 | The card was declined. |\n" +
	"\n<!-- codes: grpc -->\n" +
	"| Code | Number | Description |\n|---|---|---|\n" +
	"| OK | 0 | Not an error. |\n" +
	"| CANCELLED | 1 | The operation was cancelled. |\n" +
	"\n<!-- codes: close -->\n" +
	"| code |\n|---|\n" +
	"| 4000 – 4999: Application error |\n" +
	"| 4004 - Authentication failed |\n" +
	"\nThe error code `card_declined` comes with HTTP status 200; see close code 4004 and close code 4321.\n" +
	"\n```json\n{\"error\": \"FAILED_VALIDATION\", \"status\": 404}\n```\n"

func TestForms(t *testing.T) {
	c, err := New(formsRegistry())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := check(c, "p.md", []byte(formsPage))
	matchProblems(t, got, nil)

	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"a drifted name beside the code", "| 200 (OK) |", "| 200 (Okay) |", []string{`p.md:6:8: HTTP status 200 name: expected "OK" beside the code, found "Okay"`}},
		{"a name missing beside the code", "| `404` Not Found |", "| `404` |", []string{`p.md:7:3: HTTP status 404 name: expected "Not Found" beside the code, found the code alone`}},
		{"a drifted name before the code", "| Bad Gateway (502) |", "| Bad Proxy (502) |", []string{`p.md:9:3: HTTP status 502 name: expected "Bad Gateway"`}},
		{"a code inside a range is its own row", "| Bad Gateway (502) | a proxy's fault |\n", "", []string{`p.md:8:1: missing row for HTTP status 502`}},
		{"a string code that drifted", "| `card_declined` |", "| `card_refused` |", []string{`p.md:15:1: missing row for error code card_declined`, `p.md:15:3: unknown error code card_refused`, `p.md:29:17: error code card_declined is mentioned, but the error codes table at line 12 does not list it`}},
		{"a status beside a string code", "| `card_declined` | 200 |", "| `card_declined` | 201 |", []string{`p.md:15:21: error code card_declined status: expected "200", found "201", which is not one of the HTTP statuses`}},
		{"a name column beside the Number column", "| CANCELLED | 1 |", "| CANCELED | 1 |", []string{`p.md:21:3: code 1 Code: expected "CANCELLED", found "CANCELED"`}},
		{"an explicit range's name", "Application error |", "App error |", []string{`p.md:26:18: close code 4000-4999 description: expected "Application error" beside the code`}},
		{"a string code in a JSON example", `{"error": "FAILED_VALIDATION"`, `{"error": "FAILED_VALIDATON"`, []string{`p.md:32:12: unknown error code "FAILED_VALIDATON" in "error" of JSON example`}},
		{"a string code mentioned in prose", "error code `card_declined`", "error code `card_decline`", []string{`p.md:29:17: unknown error code card_decline mentioned`}},
		{"a name beside a code where the group has none", "| OK | 0 |", "| OK | 0 (zero) |", []string{`p.md:20:11: code 0: the code cell holds "zero" beside the code`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(formsPage, tt.from) {
				t.Fatalf("page lacks %q", tt.from)
			}
			got, _ := check(c, "p.md", []byte(strings.Replace(formsPage, tt.from, tt.to, 1)))
			matchProblems(t, got, tt.want)
		})
	}
}

func TestSplitCode(t *testing.T) {
	num := &group{}
	str := &group{strings: true, byCode: map[string]int{"RESOURCE_EXHAUSTED": 0}}
	for _, tt := range []struct {
		g          *group
		cell       string
		code, rest string
		ok         bool
	}{
		{num, "200", "200", "", true},
		{num, "200 (OK)", "200", "OK", true},
		{num, "200 OK", "200", "OK", true},
		{num, "4004: Authentication failed", "4004", "Authentication failed", true},
		{num, "4004 - Authentication failed", "4004", "Authentication failed", true},
		{num, "4004 — Authentication failed", "4004", "Authentication failed", true},
		{num, "Not Found (404)", "404", "Not Found", true},
		{num, "5XX", "5xx", "", true},
		{num, "4000-4999", "4000-4999", "", true},
		{num, "4000 – 4999 (Application)", "4000-4999", "Application", true},
		{num, "4999-4000", "", "", false},
		{num, "-32600", "-32600", "", true},
		{num, "OK", "", "", false},
		{num, "", "", "", false},
		{str, "FAILED_VALIDATION", "FAILED_VALIDATION", "", true},
		{str, "M_FORBIDDEN: Forbidden access", "M_FORBIDDEN", "Forbidden access", true},
		{str, "auth/invalid-email", "auth/invalid-email", "", true},
		{str, "card_declined (The card was declined)", "card_declined", "The card was declined", true},
		{str, "Resource exhausted (RESOURCE_EXHAUSTED)", "RESOURCE_EXHAUSTED", "Resource exhausted", true},
		{str, "M_FORBIDDEN (Forbidden)", "M_FORBIDDEN", "Forbidden", true},
		{str, "no such", "no", "such", true},
		{str, "", "", "", false},
	} {
		code, rest, ok := tt.g.split(tt.cell)
		if code != tt.code || rest != tt.rest || ok != tt.ok {
			t.Errorf("split(%q) = %q, %q, %v; want %q, %q, %v", tt.cell, code, rest, ok, tt.code, tt.rest, tt.ok)
		}
	}
}

func TestOverlapSpans(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"4000-4999", "4004", true},
		{"4000-4999", "4xxx", true},
		{"4000-4099", "41xx", false},
		{"4000-4999", "5000", false},
	} {
		if got := overlap(tt.a, tt.b); got != tt.want {
			t.Errorf("overlap(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
