//go:build linux && (amd64 || arm64 || ppc64le || riscv64 || loong64 || s390x)

package hugeheap

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on these
// architectures with 4 kB pages: a page table of 512 entries.
const hugePage = 2 << 20

// Prime advises up to max bytes of the heap to the kernel as huge pages
// (see the package doc) and returns the range it advised, empty when the
// system's settings leave nothing to do. Call it first thing in main,
// before the heap has grown: the large object must come from memory the
// runtime maps for it, and is never written.
func Prime(max uint64) (start, end uintptr) {
	mode, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	overcommit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0, 0
	}
	n := size(string(mode), string(overcommit), os.Getenv("GODEBUG"), limited(), uint64(info.Totalram)*uint64(info.Unit), max)
	if n < 2*hugePage {
		return 0, 0
	}
	// Not make([]byte, n): the runtime clears a large allocation that
	// starts in memory a collection freed, and an early collection in a
	// package's init sometimes leaves such a gap where this lands. Clearing
	// 4 GB made it all resident and took 12 s (2 of 40 runs). A
	// strings.Builder grows without clearing. The one byte written, on the
	// first page, is before the advice: not a huge page's worth.
	var b strings.Builder
	b.Grow(int(n))
	b.WriteByte(0)
	p := uintptr(unsafe.Pointer(unsafe.StringData(b.String())))
	start, end = (p+hugePage-1)&^(hugePage-1), (p+uintptr(n))&^(hugePage-1)
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvHugePage); errno != 0 {
		start, end = 0, 0
	}
	runtime.KeepAlive(b)
	// Freed now, and given back at once (it was never touched), so that
	// neither the pacer nor the scavenger minds a heap that held n bytes.
	runtime.GC()
	return start, end
}

const madvHugePage = 14 // MADV_HUGEPAGE

// limited reports whether the process's address space or data is limited
// (ulimit -v, ulimit -d), or its limits cannot be read.
func limited() bool {
	for _, r := range []int{syscall.RLIMIT_AS, syscall.RLIMIT_DATA} {
		var l syscall.Rlimit
		if syscall.Getrlimit(r, &l) != nil || l.Cur != rlimInfinity {
			return true
		}
	}
	return false
}

const rlimInfinity = ^uint64(0) // RLIM_INFINITY
