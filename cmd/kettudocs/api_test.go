package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// installedBinary builds kettudocs as go install would and returns its
// path: the tests run it as a user runs an installed binary, in a site
// that has nothing to do with this module.
func installedBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the kettudocs binary")
	}
	bin := filepath.Join(t.TempDir(), "kettudocs")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// exe runs the program bin in dir and returns its exit status and output.
func exe(t *testing.T, dir, bin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %q: %v", bin, args, err)
	}
	return code, out.String(), errb.String()
}

// voiceSpec is another API's spec: its gateway's close codes and its voice
// gateway's, with the same numbers and other meanings.
const voiceSpec = `package: voicecodes
output: ../voicecodes/zz_codes.go
groups:
  - name: gateway-close
    title: gateway close codes
    type: CloseCode
    anchor: gw
    mentions: [gateway close code, gateway close codes]
    const_prefix: Close
    columns:
      - name: description
      - name: action
        method: Action
        enum:
          type: Action
          values:
            - {name: resume}
            - {name: abort}
      - name: notes
        free: true
    entries:
      - {code: 4001, description: unknown opcode, action: resume}
      - {code: 4002, description: decode error, action: abort}
  - name: voice-close
    title: voice close codes
    type: VoiceCloseCode
    anchor: voice
    mentions: [voice close code, voice close codes]
    const_prefix: Voice
    columns:
      - name: description
    entries:
      - {code: 4001, description: unknown opcode}
      - {code: 4002, description: failed to decode payload}
      - {code: 4014, description: disconnected}
`

const voicePage = `---
title: Close codes
---

# Close codes

<!-- codes: gateway-close -->
| code | description    | action | notes            |
|------|----------------|--------|------------------|
| 4001 | unknown opcode | resume | anything goes    |
| 4002 | decode error   | abort  | free prose here  |

<!-- codes: voice-close -->
| code | description              |
|------|--------------------------|
| 4001 | unknown opcode           |
| 4002 | failed to decode payload |
| 4014 | disconnected             |

After voice close code 4014, don't reconnect.
`

// TestAnyAPI is what a team with its own API does: a site outside this
// module with its own spec of two groups that share codes, its Go package
// generated, and an installed kettudocs checking it. It also shows that
// nothing goes stale: the same binary checks the docs against the spec as
// it is at each run, and a generated file older than its spec fails the
// build.
func TestAnyAPI(t *testing.T) {
	bin := installedBinary(t)
	site := t.TempDir()
	testfs.Write(t, filepath.Join(site, "go.mod"), "module example.com/voicebot\n\ngo 1.22\n")
	testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: Voice API\ncodes: spec/voice.yaml\n")
	testfs.Write(t, filepath.Join(site, "spec", "voice.yaml"), voiceSpec)
	page := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, page, voicePage)

	if code, _, stderr := exe(t, site, bin, "generate"); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	testfs.Write(t, filepath.Join(site, "main.go"), `package main

import (
	"fmt"

	"example.com/voicebot/voicecodes"
)

func main() {
	fmt.Println(voicecodes.CloseDecodeError, voicecodes.CloseDecodeError.Action(), voicecodes.VoiceDecodeError)
}
`)
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	// The generated package builds in the team's module: VoiceDecodeError
	// does not exist, as the voice group calls 4002 something else.
	if code, _, stderr := exe(t, site, goCmd, "vet", "./..."); code == 0 || !strings.Contains(stderr, "undefined: voicecodes.VoiceDecodeError") {
		t.Fatalf("go vet: exit %d, want only the undefined VoiceDecodeError\n%s", code, stderr)
	}
	testfs.Write(t, filepath.Join(site, "main.go"), strings.Replace(readFile(t, filepath.Join(site, "main.go")), "VoiceDecodeError", "VoiceFailedToDecodePayload", 1))
	if code, stdout, stderr := exe(t, site, goCmd, "run", "."); code != 0 || stdout != "decode error abort failed to decode payload\n" {
		t.Fatalf("go run: exit %d\n%s%s", code, stdout, stderr)
	}

	if code, _, stderr := exe(t, site, bin, "check"); code != 0 {
		t.Fatalf("check of matching docs: exit %d\n%s", code, stderr)
	}

	// Drift in both groups, on the same code.
	drifted := strings.NewReplacer(
		"| 4002 | decode error   | abort  |", "| 4002 | decode error   | resume |",
		"| 4001 | unknown opcode           |", "| 4001 | unknown op code          |",
	).Replace(voicePage)
	testfs.Write(t, page, drifted)
	code, stdout, _ := exe(t, site, bin, "check", "--format", "github")
	if code != 1 {
		t.Fatalf("check of drifted docs: exit %d", code)
	}
	for _, want := range []string{
		"::error file=content/_index.md,line=11,col=27,title=kettudocs::gateway close code 4002 action: expected \"abort\", found \"resume\"",
		"::error file=content/_index.md,line=16,col=10,title=kettudocs::voice close code 4001 description: expected \"unknown opcode\", found \"unknown op code\"",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}

	// The spec changes and the package is regenerated: the binary, built
	// before, checks the docs against the new spec.
	testfs.Write(t, page, voicePage)
	testfs.Write(t, filepath.Join(site, "spec", "voice.yaml"), strings.Replace(voiceSpec, "description: disconnected", "description: disconnected by a moderator", 1))
	if code, _, stderr := exe(t, site, bin, "generate"); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	code, _, stderr := exe(t, site, bin, "check")
	if want := `content/_index.md:18:10: voice close code 4014 description: expected "disconnected by a moderator", found "disconnected"`; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check after a spec change: exit %d, want 1 and %q\n%s", code, want, stderr)
	}

	// The spec changes and the package is not regenerated.
	testfs.Write(t, page, strings.Replace(voicePage, "| 4014 | disconnected             |", "| 4014 | disconnected by a moderator |", 1))
	if code, _, stderr := exe(t, site, bin, "check"); code != 0 {
		t.Fatalf("check of docs fixed after the spec change: exit %d\n%s", code, stderr)
	}
	testfs.Write(t, filepath.Join(site, "spec", "voice.yaml"), strings.Replace(voiceSpec, "{name: abort}", "{name: abort}\n            - {name: restart}", 1))
	code, _, stderr = exe(t, site, bin, "check")
	if code != 1 || !strings.Contains(stderr, "voicecodes/zz_codes.go:") || !strings.Contains(stderr, "stale generated file") || !strings.Contains(stderr, "go generate ./...") {
		t.Errorf("check with a stale generated file: exit %d\n%s", code, stderr)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// restSpec is a REST API's spec as today's APIs write one: HTTP statuses
// with a range and statuses of their own inside it, and string error
// codes, each with the HTTP status it comes with.
const restSpec = `package: apicodes
output: ../apicodes/zz_codes.go
groups:
  - name: http
    title: HTTP statuses
    type: Status
    code: range
    code_header: Status
    code_with: name
    mentions: [HTTP status]
    const_prefix: Status
    columns:
      - name: name
      - name: meaning
        method: Meaning
    entries:
      - {code: 200, name: OK, meaning: the request worked}
      - {code: 400, name: Bad Request, meaning: the request was not valid}
      - {code: 402, name: Payment Required, meaning: the payment failed}
      - {code: 5xx, name: Server Error, meaning: try again later}
      - {code: 502, name: Bad Gateway, meaning: a proxy failed; try again at once}
  - name: errors
    title: error codes
    type: ErrorCode
    code: string
    pattern: ^[a-z_]+$
    mentions: [error code]
    json_keys: [code]
    const_prefix: Err
    columns:
      - name: status
        group: http
      - name: message
        method: Message
    entries:
      - {code: failed_validation, status: 400, message: A parameter is missing or not valid.}
      - {code: card_declined, status: 402, message: The card was declined.}
`

const restPage = `# Errors

<!-- codes: http -->
| Status | Meaning |
|--------|---------|
| 200 (OK) | the request worked |
| 400 (Bad Request) | the request was not valid |
| 402 (Payment Required) | the payment failed |
| 5xx (Server Error) | try again later |
| 502 (Bad Gateway) | a proxy failed; try again at once |

<!-- codes: errors -->
| Code | Status | Message |
|------|--------|---------|
| ` + "`failed_validation`" + ` | 400 | A parameter is missing or not valid. |
| ` + "`card_declined`" + ` | 402 | The card was declined. |

A declined card answers with the error code ` + "`card_declined`" + `:

` + "```json" + `
{"code": "card_declined", "message": "The card was declined."}
` + "```" + `
`

// TestStringCodes is a team with a REST API adopting kettudocs: string
// error codes and HTTP statuses written with their names, the Go package
// generated and used with errors.Is and errors.As in the team's module,
// and drift in either reported at its cell.
func TestStringCodes(t *testing.T) {
	bin := installedBinary(t)
	site := t.TempDir()
	testfs.Write(t, filepath.Join(site, "go.mod"), "module example.com/shop\n\ngo 1.22\n")
	testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "title: Shop API\ncodes: spec/codes.yaml\n")
	testfs.Write(t, filepath.Join(site, "spec", "codes.yaml"), restSpec)
	page := filepath.Join(site, "content", "_index.md")
	testfs.Write(t, page, restPage)
	if code, _, stderr := exe(t, site, bin, "generate"); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	// The team's own error type, in a hand-written file of the package,
	// as the kettu codes package has.
	testfs.Write(t, filepath.Join(site, "apicodes", "errors.go"), `package apicodes

// Error is a failed response.
type Error struct {
	Status Status
	Code   ErrorCode
}

func (e *Error) Error() string { return e.Status.String() + ": " + e.Code.String() + ": " + e.Code.Message() }

// Is matches the error's code: errors.Is(err, apicodes.ErrCardDeclined).
func (e *Error) Is(target error) bool {
	c, ok := target.(ErrorCode)
	return ok && c == e.Code
}

// Error makes a code an error, so errors.Is can take one.
func (c ErrorCode) Error() string { return string(c) }
`)
	testfs.Write(t, filepath.Join(site, "main.go"), `package main

import (
	"errors"
	"fmt"

	"example.com/shop/apicodes"
)

func main() {
	var err error = fmt.Errorf("paying: %w", &apicodes.Error{Status: 402, Code: "card_declined"})
	var apiErr *apicodes.Error
	fmt.Println(errors.Is(err, apicodes.ErrCardDeclined), errors.Is(err, apicodes.ErrFailedValidation), errors.As(err, &apiErr))
	fmt.Println(apiErr)
	fmt.Println(apicodes.Status(502), apicodes.Status(503), apicodes.Status(503).Meaning(), apicodes.Status(504).Known(), apicodes.Status(302).Known())
	fmt.Println(apicodes.ErrorCode("gone").Known(), apicodes.ErrorCode("gone"))
}
`)
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	want := "true false true\nPayment Required: card_declined: The card was declined.\nBad Gateway Server Error try again later true false\nfalse gone\n"
	if code, stdout, stderr := exe(t, site, goCmd, "run", "."); code != 0 || stdout != want {
		t.Fatalf("go run: exit %d\n%s%s\nwant:\n%s", code, stdout, stderr, want)
	}
	if code, _, stderr := exe(t, site, bin, "check"); code != 0 {
		t.Fatalf("check of matching docs: exit %d\n%s", code, stderr)
	}

	for _, tt := range []struct{ from, to, want string }{
		{"| 402 (Payment Required) |", "| 402 (Payment Needed) |", `content/_index.md:8:8: HTTP status 402 name: expected "Payment Required" beside the code, found "Payment Needed"`},
		{"| 402 | The card", "| 403 | The card", `content/_index.md:16:21: error code card_declined status: expected "402", found "403", which is not one of the HTTP statuses`},
		{"`card_declined` | 402", "`card_refused` | 402", "content/_index.md:16:3: unknown error code card_refused"},
		{`{"code": "card_declined"`, `{"code": "card_decline"`, `content/_index.md:21:11: unknown error code "card_decline" in "code" of JSON example`},
		{"error code `card_declined`:", "error code `card_denied`:", "content/_index.md:18:46: unknown error code card_denied mentioned"},
	} {
		if !strings.Contains(restPage, tt.from) {
			t.Fatalf("page lacks %q", tt.from)
		}
		testfs.Write(t, page, strings.Replace(restPage, tt.from, tt.to, 1))
		if code, _, stderr := exe(t, site, bin, "check"); code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("check after %q: exit %d, want 1 and %q in:\n%s", tt.to, code, tt.want, stderr)
		}
	}
}
