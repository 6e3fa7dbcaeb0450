// Package browsertest helps tests drive a real browser: Debian's Chromium,
// through chromedp, and the Node tools that check pages (axe-core, the Nu
// HTML Checker), installed in node_modules by npm ci.
//
// A test that needs one of them and does not find it skips with a loud
// message, so that go test ./... still works on a bare machine; with
// KETTUDOCS_REQUIRE_BROWSER=1 in the environment (as .ci/run sets it) the
// test fails instead, so CI cannot pass without running the checks.
//
//	browser := browsertest.Browser(t)      // one Chromium for the test
//	tab := browsertest.Tab(t, browser)     // a tab with its own storage
//	err := chromedp.Do(tab, chromedp.Navigate(url))
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing browser or
// tool into a test failure.
const RequireEnv = "KETTUDOCS_REQUIRE_BROWSER"

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// TabTimeout bounds everything a test does in one tab.
const TabTimeout = 60 * time.Second

// Missing reports that what a test needs is not installed: the test skips
// with a loud message, or fails when RequireEnv is set to 1. fix says how to
// install it.
func Missing(t testing.TB, what, fix string) {
	t.Helper()
	msg := "\n" +
		"*********************************************************************\n" +
		"*** BROWSER CHECKS DID NOT RUN: " + what + "\n" +
		"*** " + fix + "\n" +
		"*** Set " + RequireEnv + "=1 to make this a failure (.ci/run does).\n" +
		"*********************************************************************"
	if os.Getenv(RequireEnv) == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Browser starts a headless Chromium with a fresh profile for the test and
// returns its chromedp context; the browser closes when the test ends.
// Tests share it by opening tabs with Tab.
func Browser(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		Missing(t, ChromiumPath+" is missing", "Install it: apt-get install chromium")
	}
	var out bytes.Buffer
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.WindowSize(1280, 800),
		// The machine's network is loopback only: nothing may call home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.CombinedOutput(&out),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		if t.Failed() {
			// Chromium complains about D-Bus, which containers lack; the
			// rest may explain a failure.
			var keep []string
			for _, line := range strings.Split(out.String(), "\n") {
				if line != "" && !strings.Contains(line, "dbus") {
					keep = append(keep, line)
				}
			}
			if len(keep) > 40 {
				keep = keep[len(keep)-40:]
			}
			if len(keep) > 0 {
				t.Logf("chromium output (last lines):\n%s", strings.Join(keep, "\n"))
			}
		}
	})
	// The first Do starts the browser and binds its life to ctx, which has
	// no deadline; tabs bound their own work with TabTimeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", ChromiumPath, err)
	}
	return ctx
}

// Tab opens a tab of browser in a new browser context, with its own
// storage, cookies and permissions, and returns its context, which ends
// after TabTimeout or with the test. chromedp.FromContext(tab).BrowserContextID
// names the browser context, for commands such as browser.SetPermission.
func Tab(t testing.TB, browser context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, TabTimeout)
	t.Cleanup(cancelTimeout)
	return ctx
}

// ModuleRoot returns the folder of the go.mod that the working directory
// is in.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// NodeFile returns the path of rel below the module's node_modules folder
// ("axe-core/axe.min.js"), or reports it Missing.
func NodeFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(ModuleRoot(t), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Missing(t, "node_modules/"+rel+" is missing", "Install the npm tools at the module root: npm ci --ignore-scripts")
	}
	return p
}

// Java returns the path of the java command, or reports it Missing.
func Java(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		Missing(t, "java is not installed (the Nu HTML Checker needs it)", "Install it: apt-get install default-jre-headless")
	}
	return p
}
