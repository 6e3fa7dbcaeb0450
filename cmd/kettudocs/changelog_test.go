package main

import (
	"strings"
	"testing"

	"github.com/kettu/kettudocs/codespec"
)

// TestChangelog checks the codes changelog of three versions: each kind
// of change, rows linked in the version that has them (Markdown in the
// current one, HTML in the others), no link for a row no page shows, and
// spec text that would be Markdown escaped.
func TestChangelog(t *testing.T) {
	parse := func(yaml string) *codespec.Spec {
		t.Helper()
		s, err := codespec.Parse("codes.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	const head = "groups:\n  - name: close-codes\n    title: gateway close codes\n    anchor: close\n    columns: [{name: description}, {name: action, enum: {type: Action, values: [{name: resume}, {name: abort}]}}]\n    entries:\n"
	v8 := parse(head + "      - {code: 4000, description: unknown error, action: resume}\n      - {code: 4012, description: invalid version, action: abort}\n" +
		"  - name: intents\n    title: intents\n    columns: [{name: description}]\n    entries:\n      - {code: 1, description: guilds}\n")
	v9 := parse(head + "      - {code: 4000, description: unknown error, action: resume}\n      - {code: 4009, description: session timed out, action: resume}\n")
	v10 := parse(head + "      - {code: 4000, description: unknown *error* | or not, action: abort}\n      - {code: 4019, description: session timed out, action: resume}\n" +
		"  - name: opcodes\n    title: gateway opcodes\n    columns: [{name: name}]\n    entries:\n      - {code: 1, name: heartbeat}\n      - {code: 2, name: identify}\n")
	vs := []*siteVersion{
		{conf: versionConf{Label: "v10", Path: "/"}, spec: v10},
		{conf: versionConf{Label: "v9", Path: "/v9/"}, spec: v9, rows: map[string]string{"close-4000": "gateway/", "close-4009": "gateway/"}},
		{conf: versionConf{Label: "v8", Path: "/v8/"}, spec: v8, rows: map[string]string{"close-4000": "old/gateway/"}},
	}
	md := string(changelog(vs, 0, map[string]string{"close-4000": "api/gateway.md", "close-4019": "api/gateway.md"}))
	for _, want := range []string{
		"title: Codes changelog\n",
		"## v10, from v9\n",
		"### Gateway close codes\n\n| Change | Code | In v9 | In v10 |\n| --- | --- | --- | --- |\n",
		`| Action changed, **breaking** | 4000 | <a href="../v9/gateway/#close-4000">resume</a> | [abort](/api/gateway.md#close-4000) |`,
		`| Description changed | 4000 | <a href="../v9/gateway/#close-4000">unknown error</a> | [unknown \*error\* \| or not](/api/gateway.md#close-4000) |`,
		`| Renumbered, **breaking** | 4019 | <a href="../v9/gateway/#close-4009">4009</a> | [4019](/api/gateway.md#close-4019) session timed out |`,
		"### Gateway opcodes\n\nNew in v10: 2 codes.\n",
		"## v9, from v8\n",
		// v8's row of 4012 is on no page: the code without a link.
		"| Removed, **breaking** | 4012 | 4012 invalid version | — |",
		"### Intents\n\nRemoved in v9 (**breaking**): it had 1 code.\n",
		// Added in v9: linked to its row there.
		"| Added | 4009 | — | <a href=\"../v9/gateway/#close-4009\">4009</a> session timed out |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("changelog lacks\n%s\nin\n%s", want, md)
		}
	}
	// Built from a version below the site's root, links climb out of it.
	vs[0].conf.Path = "/v10/"
	if md := string(changelog(vs, 0, nil)); !strings.Contains(md, `<a href="../../v9/gateway/#close-4000">`) {
		t.Errorf("from /v10/, the links to v9 do not climb to the site's root:\n%s", md)
	}
}
