package drift

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
)

// testRegistry is the spec of the seed page's four tables, plus opcodes 6
// and 7, which the page mentions but its table lacks.
func testRegistry() Registry {
	op := func(code, name, action string) Entry {
		return Entry{Code: code, Fields: map[string]string{"name": name, "action": action}}
	}
	cl := func(code, desc, action string) Entry {
		return Entry{Code: code, Fields: map[string]string{"description": desc, "action": action}}
	}
	st := func(code, name, meaning string) Entry {
		return Entry{Code: code, Fields: map[string]string{"name": name, "meaning": meaning}}
	}
	js := func(code, meaning string) Entry {
		return Entry{Code: code, Fields: map[string]string{"meaning": meaning}}
	}
	return Registry{Groups: []Group{
		{
			Name:     "opcodes",
			Title:    "gateway opcodes",
			Anchor:   "op",
			Columns:  []string{"name", "action"},
			Mentions: []string{"opcode", "opcodes", "op code", "op codes"},
			JSONKeys: []string{"op"},
			Entries: []Entry{
				op("0", "dispatch", "both"),
				op("1", "heartbeat", "both"),
				op("3", "hello", "receive"),
				op("4", "identify", "send"),
				op("5", "resume", "send"),
				op("6", "invalid session", "receive"),
				op("7", "reconnect", "receive"),
			},
		},
		{
			Name:     "close-codes",
			Title:    "gateway close codes",
			Anchor:   "close",
			Columns:  []string{"description", "action"},
			Mentions: []string{"close code", "close codes"},
			Entries: []Entry{
				cl("4000", "unknown error", "resume"),
				cl("4001", "unknown opcode", "resume"),
				cl("4002", "decode error", "resume"),
				cl("4003", "not authenticated", "abort"),
				cl("4004", "authentication failed", "abort"),
				cl("4005", "already authenticated", "resume"),
				cl("4007", "invalid `seq`", "restart"),
				cl("4008", "ratelimited", "resume"),
				cl("4009", "session timed out", "restart"),
				cl("4010", "server restarting", "restart"),
				cl("4012", "invalid api version", "abort"),
				cl("4013", "invalid intents", "abort"),
				cl("4014", "disallowed intents", "abort"),
			},
		},
		{
			Name:     "http-statuses",
			Title:    "HTTP status codes",
			Anchor:   "http",
			Columns:  []string{"name", "meaning"},
			Mentions: []string{"status code", "status codes", "HTTP status", "HTTP"},
			Entries: []Entry{
				st("200", "OK", "request completed"),
				st("201", "CREATED", "something was created and worked"),
				st("204", "NO CONTENT", "it worked and nothing was returned"),
				st("304", "NOT MODIFIED", "no action was taken"),
				st("400", "BAD REQUEST", "incorrect format or something like that"),
				st("401", "UNAUTHORIZED", "you need an `Authorization` header"),
				st("403", "FORBIDDEN", "you don't have permission"),
				st("404", "NOT FOUND", "that does not exist. do u need a map"),
				st("429", "TOO MANY REQUESTS", "do that less please kthx"),
				st("5xx", "SERVER ERROR", "sorry my bad"),
			},
		},
		{
			Name:     "json-codes",
			Title:    "JSON error codes",
			Anchor:   "json",
			Columns:  []string{"meaning"},
			Mentions: []string{"JSON error code", "JSON error codes", "JSON code", "JSON codes", "error code", "error codes"},
			JSONKeys: []string{"code"},
			Entries: []Entry{
				js("0", "general error"),
				js("10001", "unknown user"),
				js("10002", "unknown guild"),
				js("10003", "unknown member"),
				js("10004", "unknown image"),
				js("10005", "unknown image category"),
				js("10006", "unknown service"),
				js("10007", "unknown service event"),
				js("10008", "unknown service history"),
				js("10009", "unknown interruption"),
				js("10010", "unknown interruption update"),
				js("10011", "unknown kettu"),
				js("10012", "unknown kettu shard"),
				js("40001", "blacklisted"),
				js("40002", "unauthorized, invalid token"),
				js("40003", "bots cannot use this endpoint"),
				js("40004", "invalid route ratelimit configuration"),
				js("40005", "invalid simulation target"),
				js("40006", "missing access token"),
				js("40007", "expired access token"),
				js("50001", "missing access"),
				js("50002", "insufficient permissions"),
				js("50003", "invalid query"),
				js("50004", "invalid body"),
				js("50005", "invalid content type"),
				js("50006", "ip already verified"),
				js("50007", "invalid mfa code"),
				js("50008", "invalid ip for the mfa code"),
			},
		},
	}, Packages: []Package{{Name: "codes", Exported: []string{"OpDispatch", "CloseAuthenticationFailed", "Abort"}}}}
}

// markdown is configured as the builder's: GFM and heading ids.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

func parse(src []byte) ast.Node {
	return markdown.Parser().Parse(gtext.NewReader(src))
}

func testChecker(t testing.TB) *Checker {
	t.Helper()
	c, err := New(testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// check runs c on src as file name and returns the problems and the
// document, for its attributes.
func check(c *Checker, name string, src []byte) (diag.List, ast.Node) {
	doc := parse(src)
	return c.Check(doc, src, diag.NewLines(name, src)), doc
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t testing.TB, doc ast.Node, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := markdown.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
