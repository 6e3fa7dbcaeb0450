//go:build unix

package main

import (
	"bufio"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs the command itself, instead of the tests, when a test
// starts this binary as kettudocs: signals reach a real process then.
//
// Builds keep their cache in the user's cache folder by default: the
// tests' go to a folder of their own, removed when they end.
func TestMain(m *testing.M) {
	if os.Getenv("KETTUDOCS_TEST_MAIN") == "1" {
		main()
	}
	cache, err := os.MkdirTemp("", "kettudocs-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	os.Setenv("HOME", cache) // where macOS keeps it
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// command returns kettudocs with args as a process of its own, with its
// own temporary folder.
func command(t *testing.T, tmp string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "KETTUDOCS_TEST_MAIN=1", "TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp)
	return cmd
}

// TestServeStopsOnSIGTERM sends SIGTERM to a running serve, as CI, Docker
// and systemd stop it: it must exit 0 and leave nothing behind.
func TestServeStopsOnSIGTERM(t *testing.T) {
	site := newSite(t)
	tmp := t.TempDir()
	cmd := command(t, tmp, "serve", "--source", site, "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	serving := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "serving") {
				close(serving)
				break
			}
		}
		for sc.Scan() {
		}
		exited <- cmd.Wait()
	}()
	select {
	case <-serving:
	case err := <-exited:
		t.Fatalf("serve exited before serving: %v\n%s", err, stderr.String())
	case <-time.After(waitLimit):
		cmd.Process.Kill()
		t.Fatalf("serve did not start serving\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM, want 0\n%s", err, stderr.String())
		}
	case <-time.After(waitLimit):
		cmd.Process.Kill()
		t.Fatal("serve did not stop on SIGTERM")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind in the temporary folder after SIGTERM: %v", left)
	}
}

// TestBuildStoppedBySIGTERM stops a build in the middle of writing: a
// content file that is a named pipe holds it there until the test has
// sent SIGTERM. The build must exit 1 saying it stopped, and leave the
// output as it was, with nothing of its own behind.
func TestBuildStoppedBySIGTERM(t *testing.T) {
	site := newSite(t)
	dest := filepath.Join(site, "public")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--quiet"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := snapshot(t, dest)
	fifo := filepath.Join(site, "content", "blob.bin")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}

	cmd := command(t, t.TempDir(), "build", "--source", site, "--quiet")
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// The build says when it has seen the signal; until then the pipe
	// stays blocked, or the build could finish before it notices.
	var stderr strings.Builder
	stopping := make(chan struct{})
	exited := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "stopping;") {
				close(stopping)
			}
		}
		exited <- cmd.Wait()
	}()

	// The staging folder shows the build is writing; it cannot finish
	// before the pipe is opened for writing.
	deadline := time.Now().Add(waitLimit)
	for {
		if names, _ := filepath.Glob(filepath.Join(dest, ".kettudocs-staging-*")); len(names) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the build never started writing")
		}
		select {
		case err := <-exited:
			t.Fatalf("build exited before writing: %v\n%s", err, stderr.String())
		case <-time.After(5 * time.Millisecond): // poll interval, not a wait for timing
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitErr error
	done := false // the build has exited: exitErr is its error
	select {
	case <-stopping:
	case exitErr = <-exited:
		// It may have stopped before it opened the pipe at all, having
		// said so: the reader closes stopping before it sends on exited.
		select {
		case <-stopping:
			done = true
		default:
			t.Fatalf("build exited before it said it was stopping: %v\n%s", exitErr, stderr.String())
		}
	case <-time.After(waitLimit):
		t.Fatal("the build never said it was stopping")
	}
	// Let a blocked read end, so the build can go on and stop. The build
	// may also stop before it opens the pipe at all (its workers take no
	// new file once stopped): then opening the pipe for writing waits for
	// a reader, which the test opens itself.
	writer := make(chan error, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			w.Close()
		}
		writer <- err
	}()
	exitedNow := exited
	if done {
		exitedNow = make(chan error, 1)
		exitedNow <- exitErr
	}
	select {
	case exitErr = <-exitedNow:
		if r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			<-writer
			r.Close()
		}
	case err := <-writer:
		if err != nil {
			t.Fatal(err)
		}
		select {
		case exitErr = <-exitedNow:
		case <-time.After(waitLimit):
			t.Fatal("build did not stop on SIGTERM")
		}
	case <-time.After(waitLimit):
		t.Fatal("build did not stop on SIGTERM")
	}
	var exit *exec.ExitError
	if !errors.As(exitErr, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "kettudocs: stopped; ") {
		t.Errorf("build after SIGTERM: %v, want exit 1 saying it stopped\n%s", exitErr, stderr.String())
	}
	if after := snapshot(t, dest); !reflect.DeepEqual(after, before) {
		t.Errorf("a stopped build changed the output")
	}
}

// TestCheckStopsOnSIGTERM stops check --external while a request hangs:
// it must return at once, exit 1 and say it stopped.
func TestCheckStopsOnSIGTERM(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-r.Context().Done()
	}))
	defer srv.Close()
	defer srv.CloseClientConnections()
	site := t.TempDir()
	writeContent(t, site, map[string]string{"_index.md": "# Home\n\n<" + srv.URL + "/slow>\n"})

	cmd := command(t, t.TempDir(), "check", "--source", site, "--external", "--allow-private", "--timeout", "1m")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-arrived:
	case err := <-exited:
		t.Fatalf("check exited before requesting the link: %v\n%s", err, stderr.String())
	case <-time.After(waitLimit):
		t.Fatalf("check never requested the link\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "kettudocs: stopped\n") {
			t.Errorf("check after SIGTERM: %v, want exit 1 saying it stopped\n%s", err, stderr.String())
		}
	case <-time.After(waitLimit):
		t.Fatal("check did not stop on SIGTERM")
	}
}
