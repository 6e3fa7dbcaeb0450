//go:build linux && (amd64 || arm64 || ppc64le || riscv64 || loong64 || s390x)

package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestPrime checks, where the system leaves huge pages to programs, that
// Prime advises a range of the heap, and that the heap's next big
// allocation lands in memory that the kernel may back with huge pages.
// Whether the kernel then finds free huge pages is its affair, not
// checked here.
func TestPrime(t *testing.T) {
	needPrime(t)
	start, end := Prime(256 << 20)
	if end-start < 128<<20 {
		t.Fatalf("Prime advised [%#x, %#x), want most of 256 MB", start, end)
	}
	if got := eligible(t, start, end); got != uint64(end-start) {
		t.Errorf("%d bytes of the %d Prime advised may have huge pages", got, end-start)
	}
	b := make([]byte, 32<<20)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	// The range is the object's memory rounded in to huge pages: the
	// allocation may start up to a huge page before it.
	if got := eligible(t, p, p+uintptr(len(b))); got+hugePage < uint64(len(b)) {
		t.Errorf("%d bytes of a 32 MB allocation after Prime may have huge pages", got)
	}
}

// eligible returns how many bytes of [start, end) /proc/self/smaps says
// may have huge pages (THPeligible).
func eligible(t *testing.T, start, end uintptr) uint64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lo, hi, n uint64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && !strings.HasSuffix(r, ":") {
			a, b, _ := strings.Cut(r, "-")
			lo, _ = strconv.ParseUint(a, 16, 64)
			hi, _ = strconv.ParseUint(b, 16, 64)
			continue
		}
		v, ok := strings.CutPrefix(line, "THPeligible:")
		if ok && strings.TrimSpace(v) == "1" && hi > uint64(start) && lo < uint64(end) {
			n += min(hi, uint64(end)) - max(lo, uint64(start))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPrimeLeavesMemoryUntouched checks that Prime's allocation never
// makes its memory resident: at 4 GB, clearing it cost a program 12 s.
// The runtime clears a large allocation that starts in memory a
// collection freed, so the test frees some first, again and again.
func TestPrimeLeavesMemoryUntouched(t *testing.T) {
	needPrime(t)
	for i := range 20 {
		garbage := make([][]byte, 64)
		for j := range garbage {
			garbage[j] = make([]byte, 1<<20)
			garbage[j][0] = 1
		}
		runtime.KeepAlive(garbage)
		garbage = nil
		runtime.GC()
		before := statm(t, 1)
		start, end := Prime(128 << 20)
		if end == start {
			t.Fatal("Prime advised nothing")
		}
		// The freed memory it may start in was resident before.
		if grew := statm(t, 1) - before; grew > 8<<20 {
			t.Fatalf("round %d: Prime's %d MB made %d MB resident, want none", i, (end-start)>>20, grew>>20)
		}
	}
}

// needPrime skips the test unless the system's settings leave Prime
// something to do (see size).
func needPrime(t *testing.T) {
	t.Helper()
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") {
		t.Skipf("THP mode %q (%v): Prime leaves the heap to the system", mode, err)
	}
	if oc, _ := os.ReadFile("/proc/sys/vm/overcommit_memory"); strings.TrimSpace(string(oc)) == "2" {
		t.Skip("strict overcommit: Prime does nothing")
	}
	if limited() {
		t.Skip("ulimit -v or -d: Prime does nothing")
	}
}

// statm returns field i of /proc/self/statm, in bytes: 0 the process's
// address space, 1 what of it is resident.
func statm(t *testing.T, i int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	if len(f) <= i {
		t.Fatalf("/proc/self/statm: %q", b)
	}
	pages, err := strconv.ParseInt(f[i], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// TestPrimeUnderLimit checks that Prime reserves nothing when the address
// space is limited (ulimit -v): the reserve could exceed the limit, and a
// heap the runtime cannot map is fatal, not an error.
func TestPrimeUnderLimit(t *testing.T) {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &old); err != nil {
		t.Fatal(err)
	}
	// Room for the test to go on, not for Prime's reserve of gigabytes.
	lim := uint64(statm(t, 0)) + 1<<30
	if lim > old.Max {
		t.Skipf("hard limit %d below the test's own needs", old.Max)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_AS, &old)
	if start, end := Prime(8 << 30); start != end {
		t.Errorf("Prime advised [%#x, %#x) under ulimit -v", start, end)
	}
}
